package dev.hypersphere.eval.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SphereFace's {@code test/code/evaluation.m}: on each of the 10 folds, the mean of the training folds' features
 * (left and right together) is subtracted from every feature, features are L2-normalised and compared by cosine;
 * the threshold is the mean of <em>all</em> thresholds in {@code (-10000:10000)/10000} that maximise the training
 * accuracy, where a same pair counts as correct when {@code score > threshold} and a different pair when
 * {@code score < threshold} (both strict). Features are the raw network outputs; with flip test the original and
 * flipped features are concatenated ({@link FlipMode#CONCAT}).
 */
public final class SphereFaceProtocol implements VerificationProtocol {

    /** {@code thrNum} of getThreshold: thresholds are i / 10000 for i in −10000..10000. */
    public static final int THRESHOLD_STEPS = 10000;

    @Override
    public String name() {
        return "sphereface";
    }

    @Override
    public FlipMode publishedFlipMode() {
        return FlipMode.CONCAT;
    }

    @Override
    public ProtocolResult evaluate(PairFeatures pairs) {
        return onFeatures(pairs.left(), pairs.right(), pairs.dim(), pairs.same(), pairs.fold());
    }

    /** The protocol on raw features: {@code left} and {@code right} are row-major n×dim. */
    public static ProtocolResult onFeatures(float[] left, float[] right, int dim, boolean[] same, int[] fold) {
        int n = same.length;
        if (left.length != (long) n * dim || right.length != (long) n * dim) {
            throw new IllegalArgumentException("left and right must hold " + n + " rows of " + dim + " values");
        }
        int folds = Folds.count(fold);
        double[] accuracy = new double[folds];
        double[] threshold = new double[folds];
        double[] mu = new double[dim];
        double[] scores = new double[n];
        for (int f = 0; f < folds; f++) {
            FoldSplit split = FoldSplit.of(fold, f);
            java.util.Arrays.fill(mu, 0);
            for (int i : split.train()) {
                for (int k = 0; k < dim; k++) {
                    mu[k] += left[i * dim + k];
                }
            }
            for (int i : split.train()) {
                for (int k = 0; k < dim; k++) {
                    mu[k] += right[i * dim + k];
                }
            }
            for (int k = 0; k < dim; k++) {
                mu[k] /= 2.0 * split.train().length;
            }
            for (int i = 0; i < n; i++) {
                scores[i] = centredCosine(left, right, i * dim, dim, mu);
            }
            threshold[f] = meanOfMaximisingThresholds(FoldSplit.pick(scores, split.train()), FoldSplit.pick(same, split.train()));
            double[][] test = FoldSplit.sortedBySide(FoldSplit.pick(scores, split.test()), FoldSplit.pick(same, split.test()));
            accuracy[f] = (double) correct(test, threshold[f]) / split.test().length;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("reference", "SphereFace test/code/evaluation.m");
        parameters.put("score", "cosine after subtracting the training folds' mean feature");
        parameters.put("decision", "same correct if score > threshold, different correct if score < threshold");
        parameters.put("thresholds", "(-10000:10000)/10000");
        parameters.put("threshold_choice", "mean of all maximisers of training-fold accuracy");
        parameters.put("folds", folds);
        parameters.put("fold_rule", "contiguous (ceil(i / 600) for LFW's 6,000 pairs)");
        parameters.put("std", "population (np.std); evaluation.m prints the mean only");
        return ProtocolResult.crossValidated("sphereface", "cosine of mean-centred features", accuracy, threshold, parameters);
    }

    /** cos(a − μ, b − μ) for row {@code at} of left and right, in float64. */
    private static double centredCosine(float[] left, float[] right, int at, int dim, double[] mu) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < dim; k++) {
            double a = left[at + k] - mu[k];
            double b = right[at + k] - mu[k];
            ab += a * b;
            aa += a * a;
            bb += b * b;
        }
        return ab / (Math.sqrt(aa) * Math.sqrt(bb));
    }

    /** getThreshold(scores, flags, 10000): the mean of every grid threshold at which the accuracy is maximal. */
    static double meanOfMaximisingThresholds(double[] scores, boolean[] same) {
        double[][] sides = FoldSplit.sortedBySide(scores, same);
        long best = -1;
        double sum = 0;
        int count = 0;
        for (int i = -THRESHOLD_STEPS; i <= THRESHOLD_STEPS; i++) {
            double t = (double) i / THRESHOLD_STEPS;
            long correct = correct(sides, t);
            if (correct > best) {
                best = correct;
                sum = t;
                count = 1;
            } else if (correct == best) {
                sum += t;
                count++;
            }
        }
        return sum / count;
    }

    /** Same pairs strictly above plus different pairs strictly below the threshold. */
    private static long correct(double[][] sides, double threshold) {
        int sameAbove = sides[0].length - FoldSplit.countAtMost(sides[0], threshold);
        int differentBelow = FoldSplit.countBelow(sides[1], threshold);
        return sameAbove + differentBelow;
    }
}
