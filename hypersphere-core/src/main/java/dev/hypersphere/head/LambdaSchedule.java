package dev.hypersphere.head;

import dev.hypersphere.validate.Inputs;

/**
 * SphereFace's annealing weight λ, which blends the plain softmax logit into A-Softmax's target logit early in
 * training: {@code λ(iter) = max(λ_min, base · (1 + γ·iter)^(−power))}.
 *
 * <p>Defaults are those of the original Caffe prototxt (base 1000, γ 0.12, power 1, λ_min 5), under which λ
 * reaches its floor at iteration 1659.
 */
public record LambdaSchedule(double base, double gamma, double power, double lambdaMin) {

    public static final LambdaSchedule SPHEREFACE = new LambdaSchedule(1000, 0.12, 1, 5);

    public LambdaSchedule {
        Inputs.requireInRange("lambda-base", base, 0, Double.MAX_VALUE, "");
        Inputs.requireInRange("lambda-gamma", gamma, 0, Double.MAX_VALUE, "");
        Inputs.requireInRange("lambda-power", power, 0, Double.MAX_VALUE, "");
        Inputs.requireInRange("lambda-min", lambdaMin, 0, Double.MAX_VALUE, "");
    }

    /** A schedule that stays at λ for ever (λ = 0 is the pure A-Softmax target). */
    public static LambdaSchedule constant(double lambda) {
        return new LambdaSchedule(lambda, 0, 0, lambda);
    }

    /** λ at training iteration {@code iteration} (≥ 0). */
    public double at(long iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        return Math.max(lambdaMin, base * Math.pow(1 + gamma * iteration, -power));
    }
}
