package dev.hypersphere.experiment.alignuniform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spearman's ρ with ties: a hand-worked case and scipy.stats.spearmanr values (tools/spearman_reference.py). */
class SpearmanTest {

    @Test
    void handWorkedExampleWithATie() {
        // x ranks (1, 2.5, 2.5, 4), y ranks (1, 3, 2, 4); deviations from 2.5: (−1.5, 0, 0, 1.5) and
        // (−1.5, 0.5, −0.5, 1.5): Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5, ρ = 4.5/√22.5 = 3/√10.
        double[] x = {10, 20, 20, 40};
        double[] y = {1, 3, 2, 4};
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Spearman.ranks(x));
        assertEquals(3 / Math.sqrt(10), Spearman.correlation(x, y), 1e-15);
    }

    @Test
    void matchesScipyWithTiesOnBothSides() {
        double[] x = {1, 2, 2, 3, 5, 4, 4, 4};
        double[] y = {0.3, 0.1, 0.2, 0.9, 0.5, 0.5, 0.7, 0.2};
        assertArrayEquals(new double[] {4, 1, 2.5, 8, 5.5, 5.5, 7, 2.5}, Spearman.ranks(y));
        assertEquals(0.41622133245648213, Spearman.correlation(x, y), 1e-14);
        double[] metric = {0.41, 0.52, 0.38, 0.95, 0.61, 0.61, 1.2, 0.02, 0.33, 0.47};
        double[] accuracy = {0.612, 0.598, 0.630, 0.402, 0.598, 0.575, 0.351, 0.190, 0.640, 0.598};
        assertEquals(-0.42463347589441675, Spearman.correlation(metric, accuracy), 1e-14);
    }

    @Test
    void monotoneSamplesGiveOneOrMinusOneWhateverTheScale() {
        double[] x = {0.1, 0.5, 2, 30, 400};
        assertEquals(1, Spearman.correlation(x, new double[] {-5, -4, 0, 1, 9}), 1e-15);
        assertEquals(-1, Spearman.correlation(x, new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7}), 1e-15);
    }

    @Test
    void aConstantSampleHasNoRankCorrelation() {
        assertTrue(Double.isNaN(Spearman.correlation(new double[] {1, 2, 3}, new double[] {4, 4, 4})));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Spearman.correlation(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Spearman.ranks(new double[] {1, Double.NaN}));
    }
}
