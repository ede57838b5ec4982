package dev.hypersphere.experiment.alignuniform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The linear probe on generated features: separable classes are learnt, labels unrelated to features are not. */
class LinearProbeTest {

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** n points of dimension d around one of k random class means (at distance ~3 from each other), noise std 1. */
    private static float[] blobs(int n, int d, int k, int[] labels, long seed, boolean shuffleLabels) {
        SplittableRandom means = new SplittableRandom(99);
        double[][] centre = new double[k][d];
        for (double[] c : centre) {
            for (int j = 0; j < d; j++) {
                c[j] = 2.2 * gaussian(means) / Math.sqrt(2);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int label = i % k;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (centre[label][j] + gaussian(random) + 5);   // offset: standardisation must cope
            }
            labels[i] = shuffleLabels ? random.nextInt(k) : label;
        }
        return x;
    }

    @Test
    void separableClassesAreLearnt() {
        int d = 16;
        int k = 5;
        int[] trainLabels = new int[1000];
        int[] testLabels = new int[500];
        float[] train = blobs(1000, d, k, trainLabels, 1, false);
        float[] test = blobs(500, d, k, testLabels, 2, false);
        LinearProbe.Result r = LinearProbe.evaluate(train, trainLabels, test, testLabels, d, k,
                LinearProbe.Settings.standard(), 3);
        assertTrue(r.testAccuracy() > 0.95, "test accuracy " + r.testAccuracy());
        assertTrue(r.trainAccuracy() > 0.95, "train accuracy " + r.trainAccuracy());
    }

    @Test
    void labelsUnrelatedToTheFeaturesStayNearChance() {
        int d = 16;
        int k = 4;
        int[] trainLabels = new int[1000];
        int[] testLabels = new int[2000];
        float[] train = blobs(1000, d, k, trainLabels, 4, true);
        float[] test = blobs(2000, d, k, testLabels, 5, true);
        LinearProbe.Result r = LinearProbe.evaluate(train, trainLabels, test, testLabels, d, k,
                LinearProbe.Settings.standard(), 6);
        assertEquals(0.25, r.testAccuracy(), 0.05);
    }

    @Test
    void aConstantFeatureIsHarmless() {
        int[] labels = {0, 1, 0, 1};
        float[] x = {1, 7, -1, 7, 1, 7, -1, 7};   // second dimension constant
        LinearProbe probe = LinearProbe.fit(x, labels, 2, 2, new LinearProbe.Settings(50, 2, 0.1, 0), 0);
        assertEquals(1.0, probe.accuracy(x, labels));
    }
}
