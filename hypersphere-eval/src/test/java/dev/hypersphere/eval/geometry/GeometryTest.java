package dev.hypersphere.eval.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Geometry against closed forms on constructed sets. */
class GeometryTest {

    /**
     * Four classes with orthogonal centres e0..e3 in R⁶; class c has four samples at angle θ_c from e_c, pointing
     * ±e4 and ±e5 away: cos θ·e_c ± sin θ·e4, cos θ·e_c ± sin θ·e5. Their mean direction is exactly e_c, every sample
     * is θ from it, the pairwise angles are 2θ (opposite) and acos(cos²θ) (orthogonal offsets), centres are 90° apart.
     */
    @Test
    void orthogonalCentresAndKnownSpreads() {
        double[] theta = {Math.toRadians(10), Math.toRadians(20), Math.toRadians(30), Math.toRadians(50)};
        int dim = 6;
        List<String> labels = new ArrayList<>();
        float[] data = new float[16 * dim];
        int row = 0;
        double[] norm = {1, 2, 5, 10};   // raw norms differ by class: the geometry must not care, the norm report must
        for (int c = 0; c < 4; c++) {
            for (int s = 0; s < 4; s++) {
                int axis = 4 + s / 2;
                double sign = s % 2 == 0 ? 1 : -1;
                data[row * dim + c] = (float) (norm[c] * Math.cos(theta[c]));
                data[row * dim + axis] = (float) (norm[c] * sign * Math.sin(theta[c]));
                labels.add("c" + c);
                row++;
            }
        }
        Geometry.Result r = Geometry.analyse(data, dim, labels, 2, 2, 7, 2048);
        for (int c = 0; c < 4; c++) {
            Geometry.ClassGeometry g = r.classes().get(c);
            assertEquals(1.0, g.centre()[c], 1e-6, "centre of class " + c + " is e" + c);
            assertEquals(Math.cos(theta[c]), g.concentration(), 1e-6);
            assertEquals(Math.toDegrees(theta[c]), g.toCentre().max(), 1e-3);
            assertEquals(Math.toDegrees(theta[c]), g.toCentre().min(), 1e-3);
            assertEquals(Math.toDegrees(2 * theta[c]), g.pairwise().max(), 1e-3);
            double cos2 = Math.cos(theta[c]) * Math.cos(theta[c]);
            assertEquals(Math.toDegrees(Math.acos(cos2)), g.pairwise().min(), 1e-3);
            assertEquals(6, g.pairwise().count());
            assertEquals(90, g.nearestCentreDeg(), 1e-4);
        }
        // SphereFace's criterion: 2θ < 90° holds for θ = 10°, 20°, 30°, fails for 50° (100° > 90°).
        assertEquals(100, r.maxIntraDeg(), 1e-3);
        assertEquals(90, r.minInterDeg(), 1e-4);
        assertEquals(0.75, r.fractionMeeting(), 0.0);
        assertFalse(r.classes().get(3).meetsSphereFaceCriterion());
        assertTrue(r.classes().get(2).meetsSphereFaceCriterion());
        assertEquals(6, r.interCentre().count());
        // Alignment (α = 2): a sample's partner is opposite (‖x − y‖² = 2 − 2cos 2θ) or orthogonal (2 − 2cos²θ);
        // with one seeded draw per sample the mean lies between the two forms' class means: check the bounds.
        double low = 0;
        double high = 0;
        for (double t : theta) {
            low += Math.min(2 - 2 * Math.cos(2 * t), 2 - 2 * Math.cos(t) * Math.cos(t)) / 4;
            high += Math.max(2 - 2 * Math.cos(2 * t), 2 - 2 * Math.cos(t) * Math.cos(t)) / 4;
        }
        assertTrue(r.alignment() >= low - 1e-6 && r.alignment() <= high + 1e-6, r.alignment() + " not in [" + low + ", " + high + "]");
        assertEquals(10, r.norms()[15], 1e-5, "raw norm of a class-3 sample");
    }

    @Test
    void alignmentOfPairsIsExactWhenEveryPartnerIsForced() {
        // Two samples per class: each one's only partner is the other, at angle 2θ: alignment = mean(2 − 2cos 2θ).
        double[] theta = {Math.toRadians(15), Math.toRadians(40)};
        float[] data = new float[4 * 3];
        List<String> labels = List.of("a", "a", "b", "b");
        for (int c = 0; c < 2; c++) {
            for (int s = 0; s < 2; s++) {
                data[(2 * c + s) * 3 + c] = (float) Math.cos(theta[c]);
                data[(2 * c + s) * 3 + 2] = (float) ((s == 0 ? 1 : -1) * Math.sin(theta[c]));
            }
        }
        Geometry.Result r = Geometry.analyse(data, 3, labels, 2, 2, 1, 2048);
        double expected = ((2 - 2 * Math.cos(2 * theta[0])) + (2 - 2 * Math.cos(2 * theta[1]))) / 2;
        assertEquals(expected, r.alignment(), 1e-6);
        Geometry.Result cubed = Geometry.analyse(data, 3, labels, 3, 2, 1, 2048);
        double expected3 = (Math.pow(2 - 2 * Math.cos(2 * theta[0]), 1.5) + Math.pow(2 - 2 * Math.cos(2 * theta[1]), 1.5)) / 2;
        assertEquals(expected3, cubed.alignment(), 1e-6);
    }

    @Test
    void uniformityOfAUniformSampleOnS2MatchesTheAnalyticValue() {
        // x, y uniform on S²: cos∠ is uniform on [−1, 1], so E exp(−t‖x − y‖²) = (1 − e^{−4t}) / (4t).
        Random random = new Random(11);
        int n = 2000;
        float[] data = new float[n * 3];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                data[i * 3 + k] = (float) random.nextGaussian();
            }
            labels.add("x" + (i % 10));
        }
        double t = 2;
        Geometry.Result r = Geometry.analyse(data, 3, labels, 2, t, 3, 512);
        assertTrue(r.uniformityExact());
        assertEquals(Math.log((1 - Math.exp(-4 * t)) / (4 * t)), r.uniformity(), 0.03);
        // Ten random "classes" of a uniform sample: centres spread, angles to the centre average near 90°·(something): just sane.
        assertTrue(r.toCentre().mean() > 45 && r.toCentre().mean() < 135);
    }

    @Test
    void normsAreReportedBeforeNormalisation() {
        float[] data = {3, 4, 0, 0, 6, 8, 0, 0, 0, 0, 0, 0.5f};
        Geometry.Result r = Geometry.analyse(data, 4, List.of("a", "a", "b"), 2, 2, 1, 2048);
        assertEquals(5, r.norms()[0], 1e-6);
        assertEquals(10, r.norms()[1], 1e-6);
        assertEquals(0.5, r.norms()[2], 1e-6);
        var stats = Geometry.normStats(r.norms());
        assertEquals(15.5 / 3, (Double) stats.get("mean"), 1e-6);
        assertEquals(false, stats.get("already_normalised"));
        assertEquals(true, Geometry.normStats(new double[] {1, 1, 1}).get("already_normalised"));
    }
}
