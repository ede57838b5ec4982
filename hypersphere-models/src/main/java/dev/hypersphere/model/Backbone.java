package dev.hypersphere.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.hypersphere.model.layer.Layers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A backbone: images (N, C, H, W) in, embeddings (N, d) out. It is a DJL block made of three parts in turn:
 * the {@link #trunk} (convolutions down to flat features), the {@link #embeddingLayer} (fully connected, to d)
 * and the {@link #embeddingNorm} (batch norm with its scale fixed at 1, as insightface's {@code features}).
 *
 * <p>Build one with {@link Backbones#create}. The blocks come with their reference implementation's weight
 * initialisation; call {@link #initialize(NDManager, DataType)} and train the {@link #trainableParameters()}
 * (the frozen scale and the running statistics have no gradient). The forward pass uses batch statistics when
 * {@code training} is true, the running ones otherwise, so a training step needs a batch of at least 2.
 */
public final class Backbone extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BackboneSpec spec;
    private final Block trunk;
    private final Linear embeddingLayer;
    private final BatchNorm embeddingNorm;

    /**
     * For new architectures: {@code trunk} must take (N, C, H, W) of the spec's size and give flat (N, F)
     * features; {@code embeddingLayer} maps them to the spec's embedding size.
     */
    public Backbone(BackboneSpec spec, Block trunk, Linear embeddingLayer) {
        super(VERSION);
        this.spec = spec;
        this.trunk = addChildBlock("trunk", trunk);
        this.embeddingLayer = addChildBlock("embedding", embeddingLayer);
        this.embeddingNorm = addChildBlock("embeddingNorm", Layers.frozenScaleBatchNorm());
    }

    public BackboneSpec spec() {
        return spec;
    }

    public Block trunk() {
        return trunk;
    }

    public Linear embeddingLayer() {
        return embeddingLayer;
    }

    /** The batch norm on the embedding; its scale (γ, {@link Layers#scaleOf}) is frozen at 1. */
    public BatchNorm embeddingNorm() {
        return embeddingNorm;
    }

    /** (batch, C, H, W) of the spec. */
    public Shape inputShape(long batch) {
        return new Shape(batch, spec.channels(), spec.height(), spec.width());
    }

    /** Initialises every parameter for the spec's input size. */
    public void initialize(NDManager manager, DataType dataType) {
        initialize(manager, dataType, inputShape(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        requireInput(x.getShape());
        NDList features = trunk.forward(store, inputs, training, params);
        NDList embedding = embeddingLayer.forward(store, features, training, params);
        return embeddingNorm.forward(store, embedding, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.embeddingDim())};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        requireInput(inputShapes[0]);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        Shape[] features = trunk.getOutputShapes(inputShapes);
        if (features[0].dimension() != 2) {
            throw new IllegalStateException(spec.name() + " trunk must give flat (N, F) features, gives " + features[0]);
        }
        embeddingLayer.initialize(manager, dataType, features);
        Shape[] embedding = embeddingLayer.getOutputShapes(features);
        embeddingNorm.initialize(manager, dataType, embedding);
    }

    /**
     * DJL's freeze switch for the whole backbone (or the matching parameters); the embedding scale stays frozen
     * whatever is asked, so that unfreezing a backbone after a warm-up does not start training it.
     */
    @Override
    public void freezeParameters(boolean freeze, Predicate<Parameter> which) {
        super.freezeParameters(freeze, which);
        Layers.scaleOf(embeddingNorm).freeze(true);
    }

    @Override
    public void freezeParameters(boolean freeze) {
        super.freezeParameters(freeze);
        Layers.scaleOf(embeddingNorm).freeze(true);
    }

    /** The parameters an optimiser updates: everything but the frozen embedding scale and running statistics. */
    public List<Parameter> trainableParameters() {
        List<Parameter> trainable = new ArrayList<>();
        for (Pair<String, Parameter> p : getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable.add(p.getValue());
            }
        }
        return trainable;
    }

    /** Parameter counts, PyTorch-style (needs an initialised backbone). */
    public ParameterCount parameterCount() {
        return ParameterCount.of(this);
    }

    /** {@link BackboneSpec#describe()} plus the parameter counts (needs an initialised backbone). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>(spec.describe());
        m.put("parameters", parameterCount().describe());
        return m;
    }

    private void requireInput(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != spec.channels() || shape.get(2) != spec.height()
                || shape.get(3) != spec.width()) {
            throw new IllegalArgumentException(spec.name() + " expects input of shape (N, " + spec.channels() + ", "
                    + spec.height() + ", " + spec.width() + "), got " + shape);
        }
    }

    @Override
    public String toString() {
        return "Backbone(" + spec + ")";
    }
}
