package dev.hypersphere.eval.identify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Closed- and open-set identification on hand-made galleries with answers found by looking. */
class IdentificationTest {

    @Test
    void ranksCmcAndOpenSetOnAxes() {
        // Gallery: identity A on e1 (twice: its best sample counts once), B on e2, C on e3, D on e4.
        float[] gallery = {1, 0, 0, 0, 0.9f, 0.1f, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        List<String> galleryLabels = List.of("A", "A", "B", "C", "D");
        float[] probes = {
            1, 0.2f, 0, 0,          // A, nearest A: rank 1
            1, 0.5f, 0, 0,          // B, but A is nearer: rank 2
            0.2f, 0.3f, 1, 0,       // D: C, B, A come first, D is orthogonal: rank 4
            0.7f, 0.7f, 0.1f, 0,    // Z: not in the gallery (non-mated), top score with A's second sample ≈ 0.777
            0, 0, 0.05f, 1,         // Y: non-mated, top score ≈ 0.9988 with D
        };
        List<String> probeLabels = List.of("A", "B", "D", "Z", "Y");
        Identification.ProbeOutcomes out = Identification.search(gallery, galleryLabels, probes, probeLabels, 4, 2048);
        assertArrayEquals(new int[] {1, 2, 4, 0, 0}, out.rank());
        assertEquals(4, out.identities());
        assertEquals(1 / 3.0, out.rankAccuracy(1), 1e-15);
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 2 / 3.0, 1}, out.cmc(), 1e-15);
        // Blocks of two rows give the same answer as one block.
        assertArrayEquals(out.rank(), Identification.search(gallery, galleryLabels, probes, probeLabels, 4, 2).rank());

        // Open set: 2 non-mated probes, FPIR 0.5 allows one (Y at 0.9988); the threshold sits just above Z's
        // top score, so only probe A (rank 1, score cos ≈ 0.98) is a true positive: TPIR = 1/3.
        List<Identification.OpenSetPoint> points = Identification.openSet(out, new double[] {0.5, 0.1});
        Identification.OpenSetPoint half = points.get(0);
        assertTrue(half.reachable());
        assertEquals(0.5, half.fpir(), 0.0);
        assertEquals(1 / 3.0, half.tpir(), 1e-15);
        double z = (0.9 * 0.7 + 0.1 * 0.7) / Math.sqrt((0.81 + 0.01) * (0.49 + 0.49 + 0.01));
        assertEquals(z, half.threshold(), 1e-6);
        assertFalse(points.get(1).reachable(), "FPIR 0.1 needs 10 non-mated probes");
        assertEquals(0.0, points.get(1).fpir(), 0.0);
    }

    @Test
    void blockedSearchEqualsBruteForceOnRandomSets() {
        Random random = new Random(3);
        int dim = 8;
        int galleryCount = 300;
        float[] gallery = new float[galleryCount * dim];
        String[] labels = new String[galleryCount];
        for (int i = 0; i < gallery.length; i++) {
            gallery[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < galleryCount; i++) {
            labels[i] = "id" + (i % 37);
        }
        float[] probes = new float[100 * dim];
        String[] probeLabels = new String[100];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < 100; i++) {
            probeLabels[i] = "id" + (i % 37);
        }
        Identification.ProbeOutcomes out = Identification.search(gallery, List.of(labels), probes, List.of(probeLabels), dim, 64);
        for (int p = 0; p < 100; p++) {
            double[] best = new double[37];
            java.util.Arrays.fill(best, -2);
            for (int g = 0; g < galleryCount; g++) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int k = 0; k < dim; k++) {
                    dot += (double) probes[p * dim + k] * gallery[g * dim + k];
                    a += (double) probes[p * dim + k] * probes[p * dim + k];
                    b += (double) gallery[g * dim + k] * gallery[g * dim + k];
                }
                best[g % 37] = Math.max(best[g % 37], dot / Math.sqrt(a * b));
            }
            int rank = 1;
            for (int c = 0; c < 37; c++) {
                rank += best[c] > best[p % 37] + 1e-6 ? 1 : 0;
            }
            assertEquals(rank, out.rank()[p], "probe " + p);
        }
    }
}
