package dev.hypersphere.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** All-pairs metrics against the float64 formulas written out here, on tiny sets; with ties and without. */
class AllPairScoresTest {

    static final double[] FARS = {0, 0.01, 0.05, 0.1, 0.3, 1};

    /** Reference numbers computed from the float64 cosines of every pair i < j. */
    record Reference(double auc, double[] tar, double[] far, double[] threshold, double eer) {}

    static Reference reference(double[][] rows, int[] identity, double[] fars) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int k = 0; k < rows[i].length; k++) {
                    dot += rows[i][k] * rows[j][k];
                    a += rows[i][k] * rows[i][k];
                    b += rows[j][k] * rows[j][k];
                }
                (identity[i] == identity[j] ? genuine : impostor).add(dot / Math.sqrt(a * b));
            }
        }
        // AUC: probability that a genuine pair scores above an impostor pair, ties counting one half.
        double wins = 0;
        for (double g : genuine) {
            for (double m : impostor) {
                wins += g > m ? 1 : g == m ? 0.5 : 0;
            }
        }
        double auc = wins / ((double) genuine.size() * impostor.size());
        // TAR@FAR: the lowest threshold t (accept if score >= t) with at most floor(FAR * impostors) impostors accepted.
        double[] sortedImpostor = impostor.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] tar = new double[fars.length];
        double[] far = new double[fars.length];
        double[] threshold = new double[fars.length];
        for (int t = 0; t < fars.length; t++) {
            long allowed = (long) Math.floor(fars[t] * impostor.size() + 1e-9);
            if (allowed >= impostor.size()) {
                tar[t] = 1;
                far[t] = 1;
                threshold[t] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double v = sortedImpostor[sortedImpostor.length - 1 - (int) allowed];   // the (allowed+1)-th highest
            tar[t] = genuine.stream().filter(g -> g > v).count() / (double) genuine.size();
            far[t] = impostor.stream().filter(m -> m > v).count() / (double) impostor.size();
            threshold[t] = v;
        }
        double[] scores = new double[genuine.size() + impostor.size()];
        boolean[] same = new boolean[scores.length];
        for (int i = 0; i < genuine.size(); i++) {
            scores[i] = genuine.get(i);
            same[i] = true;
        }
        for (int i = 0; i < impostor.size(); i++) {
            scores[genuine.size() + i] = impostor.get(i);
        }
        return new Reference(auc, tar, far, threshold, Roc.of(scores, same).eer());
    }

    static float[] flat(double[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < rows[i].length; k++) {
                out[i * rows[i].length + k] = (float) rows[i][k];
            }
        }
        return out;
    }

    static void assertMatches(Reference expected, AllPairScores.Result result, double tolerance) {
        assertEquals(expected.auc(), result.auc(), tolerance, "AUC");
        assertEquals(expected.eer(), result.eer(), tolerance, "EER");
        for (int t = 0; t < FARS.length; t++) {
            AllPairScores.Operating op = result.tarAtFar().get(t);
            assertEquals(expected.tar()[t], op.tar(), 0.0, "TAR at FAR " + FARS[t]);
            assertEquals(expected.far()[t], op.far(), 0.0, "FAR reached at " + FARS[t]);
            if (Double.isInfinite(expected.threshold()[t])) {
                assertTrue(Double.isInfinite(op.thresholdCosine()));
            } else {
                assertEquals(expected.threshold()[t], op.impostorScoreAtTarget(), tolerance, "score at FAR " + FARS[t]);
                assertEquals(Math.nextUp((float) op.impostorScoreAtTarget()), op.thresholdCosine(), 0.0);
            }
        }
    }

    @Test
    void dyadicVectorsWithManyTiesMatchExactly() {
        // Unit vectors with entries ±1/2 or one ±1: every cosine is a multiple of 1/4, exact in float32 too.
        SplittableRandom random = new SplittableRandom(3);
        int n = 40;
        double[][] rows = new double[n][4];
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i % 7 == 0 ? 100 + i : i % 5;   // five people with several images, some with one
            if (random.nextInt(3) == 0) {
                rows[i][random.nextInt(4)] = random.nextBoolean() ? 1 : -1;
            } else {
                for (int k = 0; k < 4; k++) {
                    rows[i][k] = random.nextBoolean() ? 0.5 : -0.5;
                }
            }
        }
        Reference expected = reference(rows, identity, FARS);
        AllPairScores.Result result = AllPairScores.evaluate(flat(rows), 4, identity, FARS, 2048);
        assertMatches(expected, result, 0.0);
        assertEquals(n * (n - 1) / 2, result.genuine() + result.impostor());
    }

    @Test
    void gaussianVectorsMatchTheFloat64Formula() {
        // Float32 products may move a score by ~1e-7: the references are exact where no two scores are that close,
        // so the data is the first seed's whose cosines are all at least 1e-6 apart.
        double[][] rows = null;
        int[] identity = null;
        for (long seed = 1; rows == null; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 36;
            double[][] candidate = new double[n][16];
            int[] people = new int[n];
            double[][] centres = new double[6][16];
            for (double[] c : centres) {
                for (int k = 0; k < c.length; k++) {
                    c[k] = random.nextGaussian();
                }
            }
            for (int i = 0; i < n; i++) {
                people[i] = random.nextInt(6);
                for (int k = 0; k < 16; k++) {
                    candidate[i][k] = centres[people[i]][k] + 1.2 * random.nextGaussian();
                }
            }
            double[] all = allCosines(candidate);
            Arrays.sort(all);
            boolean apart = true;
            for (int i = 1; i < all.length; i++) {
                apart &= all[i] - all[i - 1] > 1e-6;
            }
            if (apart) {
                rows = candidate;
                identity = people;
            }
        }
        Reference expected = reference(rows, identity, FARS);
        AllPairScores.Result result = AllPairScores.evaluate(flat(rows), 16, identity, FARS, 7);
        assertMatches(expected, result, 1e-6);
        assertTrue(result.auc() > 0.5 && result.auc() < 1, "clustered data: AUC " + result.auc());
        // Blocks of 7 rows (pairs split across blocks and within the diagonal ones) give the same counts; a score may
        // differ in its last bit, as the matrix product sums in another order for another block shape.
        AllPairScores.Result whole = AllPairScores.evaluate(flat(rows), 16, identity, FARS, 2048);
        assertEquals(whole.auc(), result.auc(), 0.0);
        assertEquals(whole.eer(), result.eer(), 1e-6);
        for (int t = 0; t < FARS.length; t++) {
            assertEquals(whole.tarAtFar().get(t).trueAccepts(), result.tarAtFar().get(t).trueAccepts());
            assertEquals(whole.tarAtFar().get(t).falseAccepts(), result.tarAtFar().get(t).falseAccepts());
        }
    }

    static double[] allCosines(double[][] rows) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int k = 0; k < rows[i].length; k++) {
                    dot += rows[i][k] * rows[j][k];
                    a += rows[i][k] * rows[i][k];
                    b += rows[j][k] * rows[j][k];
                }
                out.add(dot / Math.sqrt(a * b));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void unreachableTargetsAndBadInputAreSaid() {
        double[][] rows = {{1, 0}, {0.8, 0.6}, {0, 1}, {-1, 0}};
        int[] identity = {0, 0, 1, 2};
        AllPairScores.Result result = AllPairScores.evaluate(flat(rows), 2, identity, new double[] {1e-3, 0.5}, 2);
        assertEquals(1, result.genuine());
        assertEquals(5, result.impostor());
        assertFalse(result.tarAtFar().get(0).reachable(), "1e-3 of 5 impostor pairs cannot be measured");
        assertTrue(result.tarAtFar().get(1).reachable());
        assertEquals(false, ((List<?>) result.json().get("tar_at_far_detail")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> AllPairScores.evaluate(flat(rows), 2, new int[] {0, 1, 2, 3}, FARS, 2));
        assertThrows(IllegalArgumentException.class, () -> AllPairScores.evaluate(flat(rows), 2, new int[] {0, 0, 0, 0}, FARS, 2));
    }

    @Test
    void keysFollowTheScoreOrder() {
        float[] scores = {-1f, -0.5f, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, 0.25f, 0.9999999f, 1f};
        for (int i = 1; i < scores.length; i++) {
            int a = AllPairScores.key(scores[i - 1]);
            int b = AllPairScores.key(scores[i]);
            assertTrue(scores[i - 1] == scores[i] ? a == b : a < b, scores[i - 1] + " vs " + scores[i]);
            assertTrue(AllPairScores.bin(a) <= AllPairScores.bin(b));
            assertEquals(scores[i] == 0f ? 0f : scores[i], AllPairScores.scoreOf(b));
        }
    }
}
