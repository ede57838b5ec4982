package dev.hypersphere.eval.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One verification run: the named protocol's cross-validated accuracy and thresholds, plus the threshold-free
 * numbers on the cosine similarity of all pairs (ROC, AUC, EER, TAR@FAR measured and interpolated) and
 * insightface's VAL@FAR = 1e-3, gathered in the report's JSON form.
 */
public final class Verification {

    /** The FAR targets of the report: 1e-1 down to 1e-6; those the pairs cannot measure are marked unreachable. */
    public static final double[] FAR_TARGETS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};

    /** The result: JSON-ready numbers and what the plots need. */
    public record Outcome(Map<String, Object> json, ProtocolResult protocol, Roc roc, double[] cosines, boolean[] same) {}

    private Verification() {}

    public static Outcome run(PairFeatures pairs, VerificationProtocol protocol, FlipMode flip) {
        // Each score is computed once, for the protocol and for what follows.
        ScoredProtocol scored = protocol instanceof ScoredProtocol s ? s : null;
        PairScores scores = new PairScores(pairs, scored != null && scored.usesFoldFeatureSums());
        ProtocolResult result = scored != null ? scored.evaluate(scores) : protocol.evaluate(pairs);
        double[] cosines = scores.cosines().clone();   // handed out in the outcome: its own copy
        Roc full = scores.roc();
        Roc curve = full.dropIntermediate();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", result.protocol());
        json.put("accuracy", result.accuracy());
        json.put("accuracy_std", result.accuracyStd());
        json.put("threshold", result.threshold());
        json.put("auc", full.auc());
        json.put("eer", full.eer());
        json.put("eer_threshold_cosine", full.eerThreshold());
        Map<String, Object> tar = new LinkedHashMap<>();
        List<Map<String, Object>> detail = new ArrayList<>();
        for (double far : FAR_TARGETS) {
            Roc.Operating op = full.tarAtFar(far);
            if (op.reachable()) {
                tar.put(farKey(far), op.tar());
            }
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("far_target", far);
            point.put("reachable", op.reachable());
            point.put("tar", op.reachable() ? op.tar() : null);
            point.put("threshold_cosine", Double.isInfinite(op.threshold()) ? null : op.threshold());
            point.put("far_reached", op.far());
            point.put("false_accepts", op.falseAccepts());
            point.put("tar_interpolated", curve.interpolatedTpr(far));
            detail.add(point);
        }
        json.put("tar_at_far", tar);
        json.put("tar_at_far_method", "measured at one cosine threshold: the highest TAR whose FAR does not exceed the target "
                + "(not interpolated); FAR targets below 1/" + full.negatives() + " are not reachable with these pairs. "
                + "tar_interpolated: linear interpolation on the ROC, as OpenSphere's interp1d(fpr, tpr)");
        json.put("tar_at_far_detail", detail);
        InsightFaceProtocol.ValAtFar val = InsightFaceProtocol.valAtFar(scores.squaredDistances(), pairs.same(), pairs.fold(), 1e-3);
        Map<String, Object> valJson = new LinkedHashMap<>();
        valJson.put("val", val.val());
        valJson.put("val_std", val.valStd());
        valJson.put("far", val.far());
        valJson.put("fold_threshold_squared_l2", val.foldThreshold());
        valJson.put("method", "insightface calculate_val: 10-fold, thresholds k*0.001 on squared L2 distance, slinear interpolation of the training FAR");
        json.put("val_at_far_1e-3", valJson);
        Map<String, Object> protocolJson = new LinkedHashMap<>(result.parameters());
        protocolJson.put("flip", flip.cliName());
        protocolJson.put("feature_dim", pairs.dim());
        json.put("protocol_parameters", protocolJson);
        json.put("fold_accuracy", result.foldAccuracy());
        json.put("fold_threshold", result.foldThreshold());
        int same = 0;
        for (boolean s : pairs.same()) {
            same += s ? 1 : 0;
        }
        json.put("pairs", Map.of("total", pairs.size(), "same", same, "different", pairs.size() - same));
        Map<String, Object> roc = new LinkedHashMap<>();
        roc.put("fpr", curve.fpr());
        roc.put("tpr", curve.tpr());
        double[] thresholds = curve.threshold().clone();
        thresholds[0] = Double.NaN;   // +inf: written as null
        roc.put("threshold_cosine", thresholds);
        roc.put("note", "sklearn roc_curve (drop_intermediate=True) on cosine similarity; first threshold is +inf");
        json.put("roc", roc);
        return new Outcome(json, result, full, cosines, pairs.same());
    }

    /** The key of a FAR in {@code tar_at_far}: {@code 1e-3} etc. */
    public static String farKey(double far) {
        int exponent = (int) Math.round(Math.log10(far));
        return "1e" + exponent;
    }
}
