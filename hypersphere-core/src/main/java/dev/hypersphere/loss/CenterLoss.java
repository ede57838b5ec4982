package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import dev.hypersphere.engine.Tensors;
import dev.hypersphere.validate.Inputs;

/**
 * Center loss (Wen et al., ECCV 2016), a regulariser added to any head's loss:
 * {@code L_C = 1/(2N) Σ_i ‖x_i − c_{y_i}‖²} over a batch of N, as the authors' Caffe layer computes it.
 *
 * <p>The centres are not learned by back-propagation but moved after each step by the paper's rule
 * ({@link #updateCentres}): {@code c_j ← c_j − α · Σ_{i: y_i = j} (c_j − x_i) / (1 + n_j)}. So {@link #loss}
 * treats the centres as constants and its gradient reaches only the embeddings. They start at zero.
 */
public final class CenterLoss extends AbstractBlock {

    public static final double DEFAULT_ALPHA = 0.5;

    private final int numClasses;
    private final int embeddingDim;
    private final double alpha;
    private final Parameter centres;

    public CenterLoss(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_ALPHA);
    }

    /** @param alpha the centres' update rate α in (0, 1] */
    public CenterLoss(int numClasses, int embeddingDim, double alpha) {
        this.numClasses = Inputs.requireAtLeast("numClasses", numClasses, 1);
        this.embeddingDim = Inputs.requireAtLeast("embeddingDim", embeddingDim, 1);
        this.alpha = Inputs.requireInRange("alpha", alpha, Double.MIN_VALUE, 1.0, "the centres' update rate");
        this.centres = addParameter(Parameter.builder()
                .setName("centres")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(numClasses, embeddingDim))
                .optInitializer(new ConstantInitializer(0f))
                .optRequiresGrad(false)
                .build());
    }

    public double alpha() {
        return alpha;
    }

    /** The class centres, C×d. */
    public Parameter centres() {
        return centres;
    }

    /** {@code 1/(2N) Σ ‖x_i − c_{y_i}‖²}, differentiable in the embeddings only. */
    public NDArray loss(ParameterStore store, NDArray embeddings, NDArray labels) {
        NDArray diff = difference(store, embeddings, labels);
        return diff.square().sum().div(2.0 * embeddings.getShape().get(0));
    }

    /** Moves each class's centre towards the batch's samples of that class, by the paper's rule. */
    public void updateCentres(ParameterStore store, NDArray embeddings, NDArray labels) {
        NDArray c = store.getValue(centres, embeddings.getDevice(), false);
        NDArray diff = difference(store, embeddings, labels).stopGradient();   // x_i − c_{y_i}
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(numClasses, diff.getDataType()); // N×C
        NDArray summed = oneHot.transpose().matMul(diff);                                           // C×d: Σ (x_i − c_j)
        NDArray counts = oneHot.sum(new int[] {0}).reshape(-1, 1);                                  // C×1: n_j
        // c_j − α Σ (c_j − x_i)/(1 + n_j)  =  c_j + α Σ (x_i − c_j)/(1 + n_j)
        Tensors.overwrite(c, c.add(summed.div(counts.add(1)).mul(alpha)));
    }

    private NDArray difference(ParameterStore store, NDArray embeddings, NDArray labels) {
        Inputs.requireMatrix("embeddings", embeddings, embeddingDim);
        Inputs.requireFiniteRows("embeddings", embeddings);
        Inputs.requireLabels("labels", labels, embeddings.getShape().get(0), numClasses);
        NDArray c = store.getValue(centres, embeddings.getDevice(), false).stopGradient();
        NDArray own = c.get(labels.toType(DataType.INT64, false));
        return embeddings.sub(own.toType(embeddings.getDataType(), false));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(loss(store, inputs.get(0), inputs.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape()};
    }
}
