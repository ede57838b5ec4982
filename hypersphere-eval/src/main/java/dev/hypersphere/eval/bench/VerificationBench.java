package dev.hypersphere.eval.bench;

import dev.hypersphere.eval.verify.FlipMode;
import dev.hypersphere.eval.verify.Folds;
import dev.hypersphere.eval.verify.PairFeatures;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.eval.verify.VerificationProtocol;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times a verification run on LFW's shape (6,000 pairs of 512-d embeddings, 10 folds) after the data is loaded:
 * gathering the pair features, the protocol, ROC/AUC/EER/TAR@FAR and VAL@FAR. Prints the median of repeated runs
 * after a warm-up, per protocol. Target: under 50 ms.
 *
 * <p>Run: {@code java -cp <eval classpath> dev.hypersphere.eval.bench.VerificationBench [runs]}.
 */
public final class VerificationBench {

    private VerificationBench() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int pairs = 6000;
        int dim = 512;
        SplittableRandom random = new SplittableRandom(42);
        float[] embeddings = new float[2 * pairs * dim];
        boolean[] same = new boolean[pairs];
        for (int p = 0; p < pairs; p++) {
            same[p] = (p % 600) < 300;
            for (int k = 0; k < dim; k++) {
                double shared = gaussian(random);   // same pairs: cosine ≈ 1/√(1 + 10²) ≈ 0.1, against ≈ 0 ± 0.044
                embeddings[2 * p * dim + k] = (float) shared;
                embeddings[(2 * p + 1) * dim + k] = (float) (same[p] ? shared + 10 * gaussian(random) : gaussian(random));
            }
        }
        int[] left = new int[pairs];
        int[] right = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            left[p] = 2 * p;
            right[p] = 2 * p + 1;
        }
        int[] fold = Folds.contiguous(pairs, 10);
        System.out.printf(Locale.ROOT, "verification of %d pairs x %d-d, 10 folds; median of %d runs after warm-up (%s, %d cores)%n",
                pairs, dim, runs, Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (String name : VerificationProtocol.NAMES) {
            VerificationProtocol protocol = VerificationProtocol.byName(name);
            double[] ms = new double[runs];
            double accuracy = 0;
            for (int r = -10; r < runs; r++) {
                long start = System.nanoTime();
                PairFeatures features = PairFeatures.gather("bench", embeddings, null, dim, FlipMode.NONE, left, right, same, fold);
                Verification.Outcome outcome = Verification.run(features, protocol, FlipMode.NONE);
                long elapsed = System.nanoTime() - start;
                accuracy = outcome.protocol().accuracy();
                if (r >= 0) {
                    ms[r] = elapsed / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "  %-15s median %7.2f ms  (min %7.2f, max %7.2f)  accuracy %.4f%n", name, ms[runs / 2],
                    ms[0], ms[runs - 1], accuracy);
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
