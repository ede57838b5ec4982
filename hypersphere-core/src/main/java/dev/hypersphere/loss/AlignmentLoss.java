package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;
import dev.hypersphere.validate.Inputs;

/**
 * Wang &amp; Isola's alignment: {@code L_align(x, y; α) = mean_i ‖x_i − y_i‖₂^α} over positive pairs
 * (row i of x with row i of y), both L2-normalised by the caller. Lower is better aligned.
 */
public final class AlignmentLoss {

    public static final double DEFAULT_ALPHA = 2.0;

    private AlignmentLoss() {}

    public static NDArray compute(NDArray x, NDArray y) {
        return compute(x, y, DEFAULT_ALPHA);
    }

    /** @param alpha exponent α &gt; 0 (the paper uses 2) */
    public static NDArray compute(NDArray x, NDArray y, double alpha) {
        Inputs.requirePositive("alpha", alpha);
        Inputs.requireMatrix("x", x, -1);
        Inputs.requireMatrix("y", y, x.getShape().get(1));
        if (!x.getShape().equals(y.getShape())) {
            throw new IllegalArgumentException("x and y must have the same shape (one positive pair per row), got "
                    + x.getShape() + " and " + y.getShape());
        }
        NDArray squared = x.sub(y).square().sum(new int[] {1});
        return Powers.pow(squared, alpha / 2).mean();
    }
}
