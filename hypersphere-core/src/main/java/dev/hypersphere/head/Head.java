package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.hypersphere.validate.Inputs;
import java.util.Map;

/**
 * A classification head: owns the class-centre matrix W (one row per class, or per sub-centre) and turns a batch
 * of embeddings into logits.
 *
 * <p>During training, {@link #logits} takes the labels too, because the margin heads change the logit of each
 * sample's own class; {@link #loss} is the mean softmax cross-entropy of those logits. For prediction,
 * {@link #scores} gives the margin-free score of every class. As a DJL block, {@code forward} takes
 * {@code (embeddings, labels)} and returns the training logits.
 *
 * <p>Embeddings are passed as they come out of the backbone; a head normalises them itself where its formula
 * says so (so its gradient includes the normalisation), and leaves them alone where the formula uses the norm.
 */
public abstract class Head extends AbstractBlock {

    /** W is drawn from N(0, 0.01²), as insightface initialises its fully connected class centres. */
    public static final float WEIGHT_INIT_SIGMA = 0.01f;

    protected final int numClasses;
    protected final int embeddingDim;
    protected final Parameter weight;

    /**
     * @param weightRows rows of W: {@code numClasses}, or {@code numClasses × K} for K sub-centres per class
     */
    protected Head(int numClasses, int embeddingDim, int weightRows) {
        this.numClasses = Inputs.requireAtLeast("numClasses", numClasses, 2);
        this.embeddingDim = Inputs.requireAtLeast("embeddingDim", embeddingDim, 1);
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(weightRows, embeddingDim))
                .optInitializer(new NormalInitializer(WEIGHT_INIT_SIGMA))
                .build());
    }

    /** The head's name as the CLI and configs spell it, e.g. {@code arcface}. */
    public abstract String name();

    /** Hyper-parameters by name, in a stable order, for reports and the CLI. */
    public abstract Map<String, Object> hyperParameters();

    public int numClasses() {
        return numClasses;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The W parameter (rows = classes or sub-centres); set its array to load trained or reference centres. */
    public Parameter weight() {
        return weight;
    }

    /**
     * Training logits: N×C, the target class of each sample carrying the head's margin.
     *
     * @param embeddings N×d, raw backbone output (normalised here where the head's formula needs it)
     * @param labels     length-N int32/int64 class indices in [0, C)
     * @param training   true during a training step (advances schedules such as SphereFace's λ)
     */
    public final NDArray logits(ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        checkEmbeddings(embeddings);
        Inputs.requireLabels("labels", labels, embeddings.getShape().get(0), numClasses);
        return marginLogits(store, embeddings, labels.toType(DataType.INT64, false), training);
    }

    /** Mean softmax cross-entropy of the training {@link #logits}: the head's loss for one batch. */
    public final NDArray loss(ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        return crossEntropy(logits(store, embeddings, labels, training), labels);
    }

    /** Mean softmax cross-entropy of N×C logits against N class indices. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray target = labels.toType(DataType.INT64, false).reshape(-1, 1);
        return logits.logSoftmax(1).gather(target, 1).neg().mean();
    }

    /** Margin-free class scores for prediction, N×C: cosines for the angular heads, Wx + b for softmax. */
    public final NDArray scores(ParameterStore store, NDArray embeddings) {
        checkEmbeddings(embeddings);
        return inferenceScores(store, embeddings);
    }

    /** The head's formula; inputs are already checked and labels are int64. */
    protected abstract NDArray marginLogits(ParameterStore store, NDArray embeddings, NDArray labels, boolean training);

    /** The head's margin-free scores; inputs are already checked. */
    protected abstract NDArray inferenceScores(ParameterStore store, NDArray embeddings);

    protected NDArray weightValue(ParameterStore store, NDArray like, boolean training) {
        return store.getValue(weight, like.getDevice(), training);
    }

    private void checkEmbeddings(NDArray embeddings) {
        Inputs.requireMatrix("embeddings", embeddings, embeddingDim);
        Inputs.requireFiniteRows("embeddings", embeddings);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(name() + " head takes (embeddings, labels), got " + inputs.size() + " arrays");
        }
        return new NDList(logits(store, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
    }

    @Override
    public String toString() {
        return name() + hyperParameters();
    }
}
