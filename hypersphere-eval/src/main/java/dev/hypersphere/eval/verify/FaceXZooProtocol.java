package dev.hypersphere.eval.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FaceX-Zoo's {@code test_protocol/lfw/lfw_evaluator.py}: cosine scores stored as float32; on the training folds
 * 1000 thresholds {@code min + step·k} (k = 1..1000, step = (max − min)/1000 with max − min in float32) and the
 * threshold maximising TPR − FPR (first maximiser), where a pair is accepted when {@code score > threshold};
 * test accuracy counts same pairs above and different pairs below the threshold (both strict). As NumPy 1.x did
 * for a float32 array against a float64 scalar, the comparisons are made in float32. FaceX-Zoo prints the standard
 * error of the mean (ddof = 1, / √10); the report gives it as {@code standard_error}.
 */
public final class FaceXZooProtocol implements VerificationProtocol, ScoredProtocol {

    public static final int THRESHOLDS = 1000;

    @Override
    public String name() {
        return "facexzoo";
    }

    @Override
    public FlipMode publishedFlipMode() {
        return FlipMode.NONE;
    }

    @Override
    public ProtocolResult evaluate(PairFeatures pairs) {
        return onScores(pairs.cosines(), pairs.same(), pairs.fold());
    }

    @Override
    public ProtocolResult evaluate(PairScores scores) {
        return onScores(scores.cosines(), scores.pairs().same(), scores.pairs().fold());
    }

    /** The protocol on cosine scores (rounded to float32 first, as FaceX-Zoo stores them). */
    public static ProtocolResult onScores(double[] cosines, boolean[] same, int[] fold) {
        int folds = Folds.count(fold);
        double[] scores = new double[cosines.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) cosines[i];
        }
        double[] accuracy = new double[folds];
        double[] threshold = new double[folds];
        FoldedSides sides = FoldedSides.of(scores, same, fold, folds);
        double[] grid = new double[THRESHOLDS];
        for (int f = 0; f < folds; f++) {
            float min = (float) Math.min(FoldedSides.trainFirst(sides.foldSame(), f), FoldedSides.trainFirst(sides.foldDifferent(), f));
            float max = (float) Math.max(FoldedSides.trainLast(sides.foldSame(), f), FoldedSides.trainLast(sides.foldDifferent(), f));
            float span = max - min;
            double step = (double) span / THRESHOLDS;
            for (int k = 1; k <= THRESHOLDS; k++) {
                grid[k - 1] = (float) ((double) min + step * k);   // compared in float32
            }
            int[] trainSameAtMost = FoldedSides.minus(ThresholdCounts.atMost(sides.same(), grid),
                    ThresholdCounts.atMost(sides.foldSame()[f], grid));
            int[] trainDifferentAtMost = FoldedSides.minus(ThresholdCounts.atMost(sides.different(), grid),
                    ThresholdCounts.atMost(sides.foldDifferent()[f], grid));
            int trainSame = sides.trainSameCount(f);
            int trainDifferent = sides.trainDifferentCount(f);
            int bestIndex = -1;
            double bestGap = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= THRESHOLDS; k++) {
                double tpr = (double) (trainSame - trainSameAtMost[k - 1]) / trainSame;
                double fpr = (double) (trainDifferent - trainDifferentAtMost[k - 1]) / trainDifferent;
                if (tpr - fpr > bestGap) {
                    bestGap = tpr - fpr;
                    bestIndex = k;
                }
            }
            threshold[f] = (double) min + step * bestIndex;
            float t32 = (float) threshold[f];
            double[] testSame = sides.foldSame()[f];
            int truePositives = testSame.length - FoldSplit.countAtMost(testSame, t32);
            int trueNegatives = FoldSplit.countBelow(sides.foldDifferent()[f], t32);
            accuracy[f] = (double) (truePositives + trueNegatives) / sides.foldSize(f);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("reference", "FaceX-Zoo test_protocol/lfw/lfw_evaluator.py");
        parameters.put("score", "cosine, stored as float32");
        parameters.put("decision", "same if score > threshold (compared in float32)");
        parameters.put("thresholds", "1000 thresholds min + k*(max - min)/1000, k = 1..1000, over the training folds' scores");
        parameters.put("threshold_choice", "first maximiser of TPR - FPR on the training folds");
        parameters.put("folds", folds);
        parameters.put("fold_rule", "contiguous (index // 600 for LFW's 6,000 pairs)");
        parameters.put("std", "population (np.std); FaceX-Zoo prints the standard error np.std(ddof=1)/sqrt(10), see standard_error");
        ProtocolResult result = ProtocolResult.crossValidated("facexzoo", "cosine (float32)", accuracy, threshold, parameters);
        result.parameters().put("standard_error", standardError(accuracy));
        return result;
    }

    /** FaceX-Zoo's printed spread: sample std (ddof = 1) over √folds. */
    static double standardError(double[] accuracy) {
        double mean = ProtocolResult.mean(accuracy);
        double sum = 0;
        for (double a : accuracy) {
            sum += (a - mean) * (a - mean);
        }
        return Math.sqrt(sum / (accuracy.length - 1)) / Math.sqrt(accuracy.length);
    }
}
