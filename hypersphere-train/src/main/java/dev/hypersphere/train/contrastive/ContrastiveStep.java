package dev.hypersphere.train.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.geometry.Sphere;
import dev.hypersphere.train.optim.GuardedUpdate;
import dev.hypersphere.train.optim.Optimizer;
import dev.hypersphere.train.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * One contrastive update: both views go through the encoder as one batch of 2N (so BatchNorm sees both, as in
 * SimCLR and Wang &amp; Isola's code), the outputs are L2-normalised and split back into the N positive pairs, the
 * objective is back-propagated, and the optimiser steps.
 *
 * <p>Memory follows the trainer's rule: everything a step creates lives in a sub-manager closed at its end, and the
 * encoder's parameters are lent to it for the step ({@code tempAttach}). The views are copied into native memory,
 * so no tensor aliases a Java buffer. A step whose loss or gradient norm is not finite is not applied (its
 * gradients are dropped); the caller decides whether to stop.
 */
public final class ContrastiveStep {


    /** What one step measured. */
    public record Result(double loss, double gradientNorm, boolean applied) {}

    private final NDManager root;
    private final Block encoder;
    private final ContrastiveObjective objective;
    private final GuardedUpdate guardedUpdate;
    private final List<Parameter> all = new ArrayList<>();
    private final ParameterStore store;

    /**
     * @param encoder  takes (2N, C, H, W) images to (2N, d) embeddings (not yet normalised)
     * @param clipNorm clip the global gradient norm to this; 0 or less for no clipping
     */
    public ContrastiveStep(NDManager root, Block encoder, ContrastiveObjective objective, Optimizer optimizer,
                           List<ParameterGroup> groups, double clipNorm) {
        this.root = root;
        this.encoder = encoder;
        this.objective = objective;
        this.store = new ParameterStore(root, false);
        this.guardedUpdate = new GuardedUpdate(optimizer, groups, clipNorm);
        encoder.getParameters().values().forEach(all::add);
    }

    public ContrastiveObjective objective() {
        return objective;
    }

    public Result run(TwoViews views, double learningRate) {
        try (NDManager step = root.newSubManager()) {
            for (Parameter p : all) {
                p.getArray().tempAttach(step);
            }
            Shape shape = new Shape(views.size(), views.channels(), views.height(), views.width());
            // create() copies: the views' arrays may be reused by the caller as soon as this returns.
            NDArray images = NDArrays.concat(new NDList(step.create(views.first(), shape), step.create(views.second(), shape)), 0);
            NDArray loss;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray z = Sphere.normalize(encoder.forward(store, new NDList(images), true).singletonOrThrow());
                NDList halves = z.split(2, 0);
                loss = objective.loss(halves.get(0), halves.get(1));
                collector.backward(loss);
            }
            double lossValue = loss.toType(DataType.FLOAT64, false).getDouble();
            GuardedUpdate.Outcome update = guardedUpdate.apply(lossValue, learningRate);
            return new Result(lossValue, update.gradNorm(), update.applied());
        }
    }
}
