package dev.hypersphere.eval.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * insightface's {@code eval/verification.py}: squared L2 distance between L2-normalised embeddings, a pair is
 * "same" when {@code dist < threshold} (strict), thresholds {@code np.arange(0, 4, 0.01)} (= k·0.01, k &lt; 400),
 * the threshold of each fold is the <em>first</em> maximiser of the accuracy on the other nine folds
 * ({@code np.argmax}), folds contiguous ({@code KFold(10, shuffle=False)}). Its VAL@FAR is {@link #valAtFar}.
 */
public final class InsightFaceProtocol implements VerificationProtocol, ScoredProtocol {

    /** {@code len(np.arange(0, 4, 0.01))}. */
    public static final int THRESHOLDS = 400;
    /** {@code len(np.arange(0, 4, 0.001))}, the finer grid of calculate_val. */
    public static final int VAL_THRESHOLDS = 4000;

    @Override
    public String name() {
        return "insightface";
    }

    @Override
    public FlipMode publishedFlipMode() {
        return FlipMode.SUM;
    }

    @Override
    public ProtocolResult evaluate(PairFeatures pairs) {
        return onDistances(pairs.squaredDistances(), pairs.same(), pairs.fold());
    }

    @Override
    public ProtocolResult evaluate(PairScores scores) {
        return onDistances(scores.squaredDistances(), scores.pairs().same(), scores.pairs().fold());
    }

    /** The protocol on precomputed squared distances. */
    public static ProtocolResult onDistances(double[] dist, boolean[] same, int[] fold) {
        int folds = Folds.count(fold);
        double[] accuracy = new double[folds];
        double[] threshold = new double[folds];
        double[] grid = new double[THRESHOLDS];
        for (int k = 0; k < THRESHOLDS; k++) {
            grid[k] = k * 0.01;
        }
        FoldedSides sides = FoldedSides.of(dist, same, fold, folds);
        int[] sameBelow = ThresholdCounts.below(sides.same(), grid);
        int[] differentBelow = ThresholdCounts.below(sides.different(), grid);
        for (int f = 0; f < folds; f++) {
            int[] trainSameBelow = FoldedSides.minus(sameBelow, ThresholdCounts.below(sides.foldSame()[f], grid));
            int[] trainDifferentBelow = FoldedSides.minus(differentBelow, ThresholdCounts.below(sides.foldDifferent()[f], grid));
            int trainDifferent = sides.trainDifferentCount(f);
            int best = -1;
            long bestCorrect = -1;
            for (int k = 0; k < THRESHOLDS; k++) {
                long correct = trainSameBelow[k] + (trainDifferent - trainDifferentBelow[k]);
                if (correct > bestCorrect) {   // np.argmax: the first maximiser
                    bestCorrect = correct;
                    best = k;
                }
            }
            threshold[f] = best * 0.01;
            accuracy[f] = (double) correctBelow(sides.foldSame()[f], sides.foldDifferent()[f], threshold[f]) / sides.foldSize(f);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("reference", "insightface recognition/arcface_torch/eval/verification.py (calculate_roc)");
        parameters.put("score", "squared L2 distance of L2-normalised embeddings");
        parameters.put("decision", "same if dist < threshold");
        parameters.put("thresholds", "np.arange(0, 4, 0.01): k * 0.01, k = 0..399");
        parameters.put("threshold_choice", "first maximiser of training-fold accuracy (np.argmax)");
        parameters.put("folds", folds);
        parameters.put("fold_rule", "contiguous, KFold(n_splits=10, shuffle=False)");
        parameters.put("std", "population (np.std)");
        return ProtocolResult.crossValidated("insightface", "squared L2 distance", accuracy, threshold, parameters);
    }

    /** Correct decisions at {@code threshold}: same pairs below it plus different pairs not below it. */
    private static long correctBelow(double[] sortedSame, double[] sortedDifferent, double threshold) {
        int truePositives = FoldSplit.countBelow(sortedSame, threshold);
        int trueNegatives = sortedDifferent.length - FoldSplit.countBelow(sortedDifferent, threshold);
        return truePositives + trueNegatives;
    }

    /** insightface's VAL (true accept rate) at a target FAR, per fold, as {@code calculate_val} computes it. */
    public record ValAtFar(double farTarget, double val, double valStd, double far, double[] foldThreshold) {}

    /**
     * {@code calculate_val}: on each fold, the training FAR at thresholds k·0.001 (k &lt; 4000); when its maximum
     * reaches the target, the threshold is {@code interp1d(far_train, thresholds, kind='slinear')(target)} as SciPy
     * computed it when this code was written (stable sort, degree-1 B-spline: linear between the last threshold
     * whose FAR is ≤ target and the first whose FAR is above; SciPy ≥ 1.9 raises on the repeated FAR values
     * instead), else 0. VAL and FAR are then measured on the test fold; VAL's std is the population std.
     */
    public static ValAtFar valAtFar(double[] dist, boolean[] same, int[] fold, double farTarget) {
        int folds = Folds.count(fold);
        double[] val = new double[folds];
        double[] far = new double[folds];
        double[] chosen = new double[folds];
        double[] thresholds = new double[VAL_THRESHOLDS];
        for (int k = 0; k < VAL_THRESHOLDS; k++) {
            thresholds[k] = k * 0.001;
        }
        FoldedSides sides = FoldedSides.of(dist, same, fold, folds);
        int[] differentBelow = ThresholdCounts.below(sides.different(), thresholds);
        for (int f = 0; f < folds; f++) {
            double[] testSame = sides.foldSame()[f];
            double[] testDifferent = sides.foldDifferent()[f];
            int[] trainDifferentBelow = FoldedSides.minus(differentBelow, ThresholdCounts.below(testDifferent, thresholds));
            int trainDifferent = sides.trainDifferentCount(f);
            double[] farTrain = new double[VAL_THRESHOLDS];
            double maxFar = 0;
            for (int k = 0; k < VAL_THRESHOLDS; k++) {
                farTrain[k] = (double) trainDifferentBelow[k] / trainDifferent;
                maxFar = Math.max(maxFar, farTrain[k]);
            }
            double threshold = maxFar >= farTarget ? legacyLinearSpline(farTrain, thresholds, farTarget) : 0.0;
            chosen[f] = threshold;
            val[f] = (double) FoldSplit.countBelow(testSame, threshold) / testSame.length;
            far[f] = (double) FoldSplit.countBelow(testDifferent, threshold) / testDifferent.length;
        }
        return new ValAtFar(farTarget, ProtocolResult.mean(val), ProtocolResult.populationStd(val), ProtocolResult.mean(far), chosen);
    }

    /**
     * SciPy's degree-1 B-spline through (x, y) with x non-decreasing (already in stable-sorted order), evaluated at
     * {@code at} the way {@code BSpline.__call__} does: knots t = [x0, x0..x(m−1), x(m−1)], interval found by
     * {@code find_interval}, basis by de Boor's recurrence (a zero-width interval contributes nothing).
     */
    static double legacyLinearSpline(double[] x, double[] y, double at) {
        int m = x.length;
        double[] t = new double[m + 2];
        t[0] = x[0];
        System.arraycopy(x, 0, t, 1, m);
        t[m + 1] = x[m - 1];
        int k = 1;
        int n = m;   // number of coefficients
        int l = k + 1;
        while (at >= t[l] && l != n) {
            l++;
        }
        l -= 1;
        double xb = t[l + 1];
        double xa = t[l];
        double h0 = 0;
        double h1 = 0;
        if (xb != xa) {
            double w = 1.0 / (xb - xa);
            h0 = w * (xb - at);
            h1 = w * (at - xa);
        }
        return 0.0 + y[l - 1] * h0 + y[l] * h1;
    }
}
