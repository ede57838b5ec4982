package dev.hypersphere.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Clipping by the global gradient norm, as {@code torch.nn.utils.clip_grad_norm_}: when the L2 norm of all
 * gradients together exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 * (DJL's own clipping only clamps each value, which changes the gradient's direction.)
 */
public final class GradientClipping {

    private GradientClipping() {}

    /** The global L2 norm of the gradients (NaN or ∞ when any gradient is not finite). */
    public static double globalNorm(List<Parameter> parameters) {
        double sumOfSquares = 0;
        for (Parameter parameter : parameters) {
            if (parameter.requiresGradient()) {
                try (NDArray squares = parameter.getArray().getGradient().square().sum()) {
                    sumOfSquares += squares.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                }
            }
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales the gradients in place so that their global norm is at most {@code maxNorm}.
     *
     * @return the norm before clipping
     */
    public static double clipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
        double norm = globalNorm(parameters);
        if (Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (Parameter parameter : parameters) {
                if (parameter.requiresGradient()) {
                    parameter.getArray().getGradient().muli(scale);
                }
            }
        }
        return norm;
    }
}
