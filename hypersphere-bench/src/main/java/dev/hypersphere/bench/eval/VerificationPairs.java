package dev.hypersphere.bench.eval;

import dev.hypersphere.eval.verify.FlipMode;
import dev.hypersphere.eval.verify.Folds;
import dev.hypersphere.eval.verify.PairFeatures;
import java.util.SplittableRandom;

/**
 * Seeded verification pairs of unit vectors with face-recognition-like scores: half the pairs (10 folds of 300
 * same + 300 different, as LFW) are "same", their cosine drawn around 0.65 (sd 0.12, as a trained ArcFace model
 * gives on LFW); the others are independent random directions, whose cosine is about 0 ± 1/√d.
 */
public final class VerificationPairs {

    private VerificationPairs() {}

    /** The gathered pair features of {@code pairs} pairs of {@code dim}-d vectors (the protocol's input). */
    public static PairFeatures generate(int pairs, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] embeddings = new float[2 * pairs * dim];
        boolean[] same = new boolean[pairs];
        double[] a = new double[dim];
        double[] noise = new double[dim];
        for (int p = 0; p < pairs; p++) {
            same[p] = (p % 600) < 300;
            unit(random, a);
            unit(random, noise);
            double rho = same[p] ? Math.max(-0.2, Math.min(0.98, 0.65 + 0.12 * gaussian(random))) : 0;
            // remove a's component from the noise, so that cos(a, b) is exactly rho
            double along = dot(a, noise);
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                noise[k] -= along * a[k];
                norm += noise[k] * noise[k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < dim; k++) {
                embeddings[2 * p * dim + k] = (float) a[k];
                double b = same[p] ? rho * a[k] + Math.sqrt(1 - rho * rho) * noise[k] / norm : noise[k] / norm;
                embeddings[(2 * p + 1) * dim + k] = (float) b;
            }
        }
        int[] left = new int[pairs];
        int[] right = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            left[p] = 2 * p;
            right[p] = 2 * p + 1;
        }
        return PairFeatures.gather("bench", embeddings, null, dim, FlipMode.NONE, left, right, same, Folds.contiguous(pairs, 10));
    }

    static void unit(SplittableRandom random, double[] v) {
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] = gaussian(random);
            sum += v[k] * v[k];
        }
        double inverse = 1 / Math.sqrt(sum);
        for (int k = 0; k < v.length; k++) {
            v[k] *= inverse;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
