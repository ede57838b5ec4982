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
public final class FaceXZooProtocol implements VerificationProtocol {

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

    /** The protocol on cosine scores (rounded to float32 first, as FaceX-Zoo stores them). */
    public static ProtocolResult onScores(double[] cosines, boolean[] same, int[] fold) {
        int folds = Folds.count(fold);
        double[] scores = new double[cosines.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) cosines[i];
        }
        double[] accuracy = new double[folds];
        double[] threshold = new double[folds];
        for (int f = 0; f < folds; f++) {
            FoldSplit split = FoldSplit.of(fold, f);
            double[] trainScores = FoldSplit.pick(scores, split.train());
            double[][] train = FoldSplit.sortedBySide(trainScores, FoldSplit.pick(same, split.train()));
            float min = (float) Math.min(first(train[0]), first(train[1]));
            float max = (float) Math.max(last(train[0]), last(train[1]));
            float span = max - min;
            double step = (double) span / THRESHOLDS;
            int bestIndex = -1;
            double bestGap = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= THRESHOLDS; k++) {
                double t = (double) min + step * k;
                float t32 = (float) t;
                double tpr = (double) (train[0].length - FoldSplit.countAtMost(train[0], t32)) / train[0].length;
                double fpr = (double) (train[1].length - FoldSplit.countAtMost(train[1], t32)) / train[1].length;
                if (tpr - fpr > bestGap) {
                    bestGap = tpr - fpr;
                    bestIndex = k;
                }
            }
            threshold[f] = (double) min + step * bestIndex;
            float t32 = (float) threshold[f];
            double[][] test = FoldSplit.sortedBySide(FoldSplit.pick(scores, split.test()), FoldSplit.pick(same, split.test()));
            int truePositives = test[0].length - FoldSplit.countAtMost(test[0], t32);
            int trueNegatives = FoldSplit.countBelow(test[1], t32);
            accuracy[f] = (double) (truePositives + trueNegatives) / split.test().length;
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

    private static double first(double[] sorted) {
        return sorted.length == 0 ? Double.POSITIVE_INFINITY : sorted[0];
    }

    private static double last(double[] sorted) {
        return sorted.length == 0 ? Double.NEGATIVE_INFINITY : sorted[sorted.length - 1];
    }
}
