package dev.hypersphere.eval.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenSphere's accuracy ({@code dataset/utils.py get_metrics}): the best accuracy over every threshold of the ROC
 * curve of all pairs, {@code max(tpr·P + (1 − fpr)·N) / (P + N)}, with a pair accepted when
 * {@code score >= threshold}. There is no cross-validation: the threshold is fitted on the pairs it is scored on,
 * so this is an optimistic number. The threshold reported is the highest one reaching the best accuracy (the first
 * maximiser along sklearn's curve). To give a spread, the accuracy at that one threshold is also computed on each
 * of the folds; {@code accuracy} itself is OpenSphere's number.
 */
public final class BestThresholdProtocol implements VerificationProtocol, ScoredProtocol {

    @Override
    public String name() {
        return "best-threshold";
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
        return onRoc(scores.roc(), scores.cosines(), scores.pairs().same(), scores.pairs().fold());
    }

    public static ProtocolResult onScores(double[] scores, boolean[] same, int[] fold) {
        return onRoc(Roc.of(scores, same), scores, same, fold);
    }

    /** The protocol given the ROC curve of {@code scores}. */
    private static ProtocolResult onRoc(Roc roc, double[] scores, boolean[] same, int[] fold) {
        long best = -1;
        int bestAt = 0;
        for (int j = 0; j < roc.fpr().length; j++) {
            long correct = roc.truePositives()[j] + (roc.negatives() - roc.falsePositives()[j]);
            if (correct > best) {
                best = correct;
                bestAt = j;
            }
        }
        double threshold = roc.threshold()[bestAt];
        double accuracy = (double) best / scores.length;
        int folds = Folds.count(fold);
        double[] foldAccuracy = new double[folds];
        double[] foldThreshold = new double[folds];
        int[] size = new int[folds];
        for (int i = 0; i < scores.length; i++) {
            size[fold[i]]++;
            boolean accepted = scores[i] >= threshold;
            foldAccuracy[fold[i]] += accepted == same[i] ? 1 : 0;
        }
        for (int f = 0; f < folds; f++) {
            foldAccuracy[f] /= size[f];
            foldThreshold[f] = threshold;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("reference", "OpenSphere dataset/utils.py get_metrics (ACC)");
        parameters.put("score", "cosine");
        parameters.put("decision", "same if score >= threshold");
        parameters.put("thresholds", "every distinct score (sklearn roc_curve)");
        parameters.put("threshold_choice", "best accuracy on all pairs, no cross-validation (optimistic)");
        parameters.put("folds", 1);
        parameters.put("std", "population std of the per-fold accuracies at the single threshold (OpenSphere prints none)");
        return new ProtocolResult("best-threshold", "cosine", accuracy, ProtocolResult.populationStd(foldAccuracy),
                foldAccuracy, foldThreshold, threshold, parameters);
    }
}
