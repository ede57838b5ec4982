package dev.hypersphere.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/**
 * Wang &amp; Isola's alignment and uniformity measured over whole embedding sets, streamed in blocks of rows.
 *
 * <p>Memory is O(block² + block·d) whatever N is. Time is O(N·d) for alignment and for the sampled uniformity
 * estimate, and O(N²·d) for exact uniformity (every pair: fine for 10⁵ rows, days for 10⁶ on two cores: use
 * {@link #uniformitySampled} there). Sums are accumulated in float64.
 */
public final class AlignmentUniformity {

    /** Rows per block in the exact uniformity sweep: a 2048×2048 Gram block is 16 MB in float32. */
    public static final int DEFAULT_BLOCK = 2048;

    private AlignmentUniformity() {}

    /** {@code mean_i ‖x_i − y_i‖^α} over the positive pairs (row i of x, row i of y). */
    public static double alignment(EmbeddingRows x, EmbeddingRows y, double alpha) {
        Inputs.requirePositive("alpha", alpha);
        if (x.rows() != y.rows() || x.dim() != y.dim()) {
            throw new IllegalArgumentException("x and y must have the same shape, got " + x.rows() + "×" + x.dim()
                    + " and " + y.rows() + "×" + y.dim());
        }
        requireRows("x", x, 1);
        int d = x.dim();
        int block = Math.max(1, (1 << 20) / d);
        float[] xb = new float[block * d];
        float[] yb = new float[block * d];
        double sum = 0;
        for (long start = 0; start < x.rows(); start += block) {
            int count = (int) Math.min(block, x.rows() - start);
            x.read(start, count, xb);
            y.read(start, count, yb);
            for (int i = 0; i < count; i++) {
                double sq = 0;
                for (int k = i * d; k < (i + 1) * d; k++) {
                    double diff = (double) xb[k] - yb[k];
                    sq += diff * diff;
                }
                sum += alpha == 2 ? sq : Math.pow(sq, alpha / 2);
            }
        }
        return sum / x.rows();
    }

    /** Exact {@code log mean_{i<j} exp(−t ‖x_i − x_j‖²)} over all N(N−1)/2 pairs. */
    public static double uniformity(EmbeddingRows x, double t) {
        return uniformity(x, t, DEFAULT_BLOCK);
    }

    /** As {@link #uniformity(EmbeddingRows, double)}, with {@code block} rows per block. */
    public static double uniformity(EmbeddingRows x, double t, int block) {
        Inputs.requirePositive("t", t);
        requireRows("x", x, 2);
        Inputs.requireAtLeast("block", block, 1);
        int d = x.dim();
        long n = x.rows();
        LogSumExp total = new LogSumExp();
        float[] a = new float[block * d];
        float[] b = new float[block * d];
        try (NDManager manager = HypersphereEngine.newManager()) {
            for (long i = 0; i < n; i += block) {
                int ni = (int) Math.min(block, n - i);
                x.read(i, ni, a);
                for (long j = i; j < n; j += block) {
                    int nj = (int) Math.min(block, n - j);
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray left = scope.create(a, new Shape(block, d)).get(":" + ni);
                        NDArray right = left;
                        if (j != i) {
                            x.read(j, nj, b);
                            right = scope.create(b, new Shape(block, d)).get(":" + nj);
                        }
                        NDArray sqLeft = left.square().sum(new int[] {1}).reshape(-1, 1);
                        NDArray sqRight = right.square().sum(new int[] {1}).reshape(1, -1);
                        NDArray potential = sqLeft.add(sqRight).sub(left.matMul(right.transpose()).mul(2))
                                .clip(0, Float.MAX_VALUE).mul(-t);
                        if (j == i) {   // a diagonal block: only the pairs above its diagonal
                            NDArray index = scope.arange(0, ni, 1, DataType.INT64);
                            potential = potential.booleanMask(index.reshape(1, -1).gt(index.reshape(-1, 1)));
                            if (ni == 1) {
                                continue;
                            }
                        }
                        double max = potential.max().toType(DataType.FLOAT64, false).getDouble();
                        double sum = potential.sub(max).exp().toType(DataType.FLOAT64, false).sum().getDouble();
                        total.add(max, sum);
                    }
                }
            }
        }
        double pairs = n * (double) (n - 1) / 2;
        return total.logSumExp() - Math.log(pairs);
    }

    /**
     * An unbiased-in-the-mean Monte Carlo estimate of uniformity from {@code pairs} random pairs i ≠ j
     * (the log of the sample mean of the potential), for sets too large for the exact sweep.
     */
    public static double uniformitySampled(EmbeddingRows x, double t, long pairs, long seed) {
        Inputs.requirePositive("t", t);
        requireRows("x", x, 2);
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be >= 1, got " + pairs);
        }
        int d = x.dim();
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[d];
        float[] b = new float[d];
        LogSumExp total = new LogSumExp();
        for (long p = 0; p < pairs; p++) {
            long i = random.nextLong(x.rows());
            long j = random.nextLong(x.rows() - 1);
            if (j >= i) {
                j++;
            }
            x.read(i, 1, a);
            x.read(j, 1, b);
            double sq = 0;
            for (int k = 0; k < d; k++) {
                double diff = (double) a[k] - b[k];
                sq += diff * diff;
            }
            total.add(-t * sq, 1.0);
        }
        return total.logSumExp() - Math.log(pairs);
    }

    private static void requireRows(String name, EmbeddingRows x, long min) {
        if (x.rows() < min) {
            throw new IllegalArgumentException(name + " must hold at least " + min + " rows, got " + x.rows());
        }
    }

    /** Running {@code log Σ exp(a)}, fed as (max, Σ exp(a − max)) partial sums, in float64. */
    private static final class LogSumExp {
        private double max = Double.NEGATIVE_INFINITY;
        private double scaledSum;

        void add(double partMax, double partScaledSum) {
            if (partMax > max) {
                scaledSum = scaledSum * Math.exp(max - partMax) + partScaledSum;
                max = partMax;
            } else {
                scaledSum += partScaledSum * Math.exp(partMax - max);
            }
        }

        double logSumExp() {
            return max + Math.log(scaledSum);
        }
    }
}
