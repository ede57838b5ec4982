package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.hypersphere.validate.Inputs;

/**
 * Wang &amp; Isola's uniformity: {@code L_uniform(x; t) = log mean_{i<j} exp(−t ‖x_i − x_j‖₂²)} over all
 * distinct pairs of a batch of L2-normalised embeddings (the log of the average pairwise Gaussian potential).
 * Lower is more uniform; on S^{d−1} it is at least about −t·2·N/(N−1) and is 0 when all points coincide.
 *
 * <p>Squared distances are formed as {@code ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j} (clamped at 0), never through a square
 * root, so the gradient stays finite when two points coincide; the log-mean-exp is taken stably.
 */
public final class UniformityLoss {

    public static final double DEFAULT_T = 2.0;

    private UniformityLoss() {}

    public static NDArray compute(NDArray x) {
        return compute(x, DEFAULT_T);
    }

    /** @param t the Gaussian potential's scale t &gt; 0 (the paper uses 2) */
    public static NDArray compute(NDArray x, double t) {
        Inputs.requirePositive("t", t);
        Inputs.requireMatrix("x", x, -1);
        long n = x.getShape().get(0);
        if (n < 2) {
            throw new IllegalArgumentException("x must hold at least 2 rows (uniformity is over pairs), got " + n);
        }
        NDArray pairs = squaredDistances(x).booleanMask(upperTriangle(x.getManager(), n));
        return logMeanExp(pairs.mul(-t));
    }

    /** All squared Euclidean distances between rows, N×N, clamped at 0 against round-off. */
    static NDArray squaredDistances(NDArray x) {
        NDArray sq = x.square().sum(new int[] {1});
        NDArray gram = x.matMul(x.transpose());
        return sq.reshape(-1, 1).add(sq.reshape(1, -1)).sub(gram.mul(2)).clip(0, Float.MAX_VALUE);
    }

    /** The N×N mask of pairs i &lt; j. */
    static NDArray upperTriangle(NDManager manager, long n) {
        NDArray index = manager.arange(0, n, 1, DataType.INT64);
        return index.reshape(1, -1).gt(index.reshape(-1, 1));
    }

    /** {@code log(mean(exp(a)))} of a vector, shifted by its maximum so that nothing overflows or underflows to 0. */
    static NDArray logMeanExp(NDArray a) {
        NDArray shift = a.max().stopGradient();
        return a.sub(shift).exp().mean().log().add(shift);
    }
}
