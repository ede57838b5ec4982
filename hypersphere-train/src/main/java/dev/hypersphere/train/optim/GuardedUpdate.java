package dev.hypersphere.train.optim;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of every training step, after backward: measure (and optionally clip) the global gradient norm, apply the
 * optimiser only when the loss and the norm are finite, then clear the gradients. Shared by the classification and
 * the contrastive steps so that both skip bad updates the same way.
 */
public final class GuardedUpdate {

    private static final NDIndex ALL = new NDIndex(":");

    /** What the update did: the gradient norm before clipping, and whether the optimiser ran. */
    public record Outcome(double gradNorm, boolean applied) {}

    private final Optimizer optimizer;
    private final List<ParameterGroup> groups;
    private final List<Parameter> trainable = new ArrayList<>();
    private final double clipNorm;

    /** @param clipNorm clip the global gradient norm to this; 0 or less for no clipping */
    public GuardedUpdate(Optimizer optimizer, List<ParameterGroup> groups, double clipNorm) {
        this.optimizer = optimizer;
        this.groups = List.copyOf(groups);
        this.clipNorm = clipNorm;
        for (ParameterGroup group : groups) {
            for (Parameter p : group.parameters()) {
                if (p.requiresGradient()) {
                    trainable.add(p);
                }
            }
        }
    }

    /** Applies the step when {@code lossValue} and the gradient norm are finite; always clears the gradients. */
    public Outcome apply(double lossValue, double learningRate) {
        double norm = clipNorm > 0 ? GradientClipping.clipByGlobalNorm(trainable, clipNorm)
                : GradientClipping.globalNorm(trainable);
        boolean apply = Double.isFinite(lossValue) && Double.isFinite(norm);
        if (apply) {
            optimizer.step(groups, learningRate);
        }
        for (Parameter p : trainable) {
            // Gradients accumulate across backward passes. Assign 0 rather than g − g, which leaves NaN/∞ in
            // place: after one skipped step every later step would be skipped too.
            p.getArray().getGradient().set(ALL, 0);
        }
        return new Outcome(norm, apply);
    }
}
