package dev.hypersphere.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.loss.UniformityLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignmentUniformityTest {

    /** Uniform points on S²: the standard-normal direction trick. */
    private static float[] uniformOnSphere(int n, long seed) {
        Random random = new Random(seed);
        float[] data = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            double norm = Math.sqrt(a * a + b * b + c * c);
            data[3 * i] = (float) (a / norm);
            data[3 * i + 1] = (float) (b / norm);
            data[3 * i + 2] = (float) (c / norm);
        }
        return data;
    }

    @Test
    void uniformityOfAUniformSampleOnS2MatchesTheAnalyticValue() {
        // For x, y uniform on S², cos∠ is uniform on [−1, 1] (Archimedes), so
        // E exp(−t‖x − y‖²) = ∫ ½ exp(−t(2 − 2u)) du = (1 − e^{−4t}) / (4t).
        double t = 2;
        double analytic = Math.log((1 - Math.exp(-4 * t)) / (4 * t));   // −2.07977…
        EmbeddingRows sample = EmbeddingRows.of(uniformOnSphere(3000, 1), 3);
        assertEquals(analytic, AlignmentUniformity.uniformity(sample, t, 512), 0.02);
        assertEquals(analytic, AlignmentUniformity.uniformitySampled(sample, t, 400_000, 5), 0.02);
    }

    @Test
    void blockedExactUniformityEqualsTheOneBatchLoss() {
        float[] data = uniformOnSphere(301, 2);
        double blocked = AlignmentUniformity.uniformity(EmbeddingRows.of(data, 3), 2, 64);   // 5 blocks, ragged end
        try (NDManager manager = HypersphereEngine.newManager()) {
            double whole = UniformityLoss.compute(manager.create(data, new Shape(301, 3)).toType(DataType.FLOAT64, false), 2)
                    .getDouble();
            assertEquals(whole, blocked, 1e-6);
        }
    }

    @Test
    void alignmentStreamsAMillionRowsOf512WithoutHoldingThem() {
        // Row i of x is e_{i mod d}; row i of y is that axis turned by φ towards the next axis: ‖x − y‖² = 2 − 2cos φ.
        int d = 512;
        long n = 1_000_000;
        double phi = 0.3;
        EmbeddingRows x = generated(n, d, 0);
        EmbeddingRows y = generated(n, d, phi);
        double expected = 2 - 2 * Math.cos(phi);
        assertEquals(expected, AlignmentUniformity.alignment(x, y, 2), 1e-6);
        assertEquals(Math.pow(expected, 1.5), AlignmentUniformity.alignment(x, y, 3), 1e-6);
    }

    @Test
    void rejectsMismatchedSets() {
        EmbeddingRows a = EmbeddingRows.of(new float[] {1, 0, 0, 1}, 2);
        EmbeddingRows b = EmbeddingRows.of(new float[] {1, 0, 0}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlignmentUniformity.alignment(a, b, 2));
        assertEquals("x and y must have the same shape, got 2×2 and 1×3", e.getMessage());
    }

    private static EmbeddingRows generated(long n, int d, double phi) {
        return new EmbeddingRows() {
            @Override
            public long rows() {
                return n;
            }

            @Override
            public int dim() {
                return d;
            }

            @Override
            public void read(long first, int count, float[] into) {
                java.util.Arrays.fill(into, 0, count * d, 0f);
                for (int r = 0; r < count; r++) {
                    int axis = (int) ((first + r) % d);
                    into[r * d + axis] = (float) Math.cos(phi);
                    into[r * d + (axis + 1) % d] = (float) Math.sin(phi);
                }
            }
        };
    }
}
