package dev.hypersphere.search.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.eval.verify.Roc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Picks the cosine threshold for a target false accept rate: the lowest threshold whose measured FAR on the
 * different-identity pairs does not exceed the target (so the highest TAR there), as {@link Roc#tarAtFar} measures
 * it. From scores directly, or from the report {@code hypersphere eval verify} wrote.
 */
public final class ThresholdCalibrator {

    private ThresholdCalibrator() {}

    /** Calibrates on cosine {@code scores} of pairs labelled {@code same}. */
    public static Calibration fromScores(double[] scores, boolean[] same, double farTarget, String source, String modelId) {
        requireFar(farTarget);
        Roc roc = Roc.of(scores, same);
        Roc.Operating op = roc.tarAtFar(farTarget);
        requireReachable(op.reachable(), farTarget, roc.negatives(), source);
        double threshold = op.threshold();
        if (Double.isInfinite(threshold)) {
            // Even the highest score group holds too many different pairs: accept nothing above what was seen.
            threshold = Math.nextUp(roc.threshold()[1]);
        }
        return new Calibration(threshold, farTarget, op.far(), op.tar(), roc.positives(), roc.negatives(), source, modelId,
                Instant.now().toString());
    }

    /**
     * Calibrates from {@code report.json} of {@code hypersphere eval verify} (the file or its folder). A FAR the
     * report measured exactly ({@code tar_at_far_detail}: 1e-1 … 1e-6) is taken as measured; any other is read
     * off the report's ROC curve, whose collinear points were dropped, so the FAR reached may be below the target.
     */
    public static Calibration fromReport(Path reportPath, double farTarget, String modelId) throws IOException {
        requireFar(farTarget);
        Path file = Files.isDirectory(reportPath) ? reportPath.resolve(Reports.FILE) : reportPath;
        JsonNode report = Reports.read(reportPath);
        String expected = "expected report.json written by 'hypersphere eval verify' or 'eval all-pairs' (with "
                + "tar_at_far_detail, roc and pairs)";
        JsonNode detail = report.get("tar_at_far_detail");
        JsonNode roc = report.get("roc");
        JsonNode pairs = report.get("pairs");
        if (detail == null || !detail.isArray() || roc == null || !roc.isObject() || pairs == null) {
            throw new IOException(file + ": not a verification report; " + expected);
        }
        // eval verify counts pairs as same/different, eval all-pairs (every pair of a photo set) as genuine/impostor.
        long positives = pairs.has("genuine") ? pairs.path("genuine").asLong(-1) : pairs.path("same").asLong(-1);
        long negatives = pairs.has("impostor") ? pairs.path("impostor").asLong(-1) : pairs.path("different").asLong(-1);
        if (positives < 1 || negatives < 1) {
            throw new IOException(file + ": pairs.same and pairs.different (or pairs.genuine and pairs.impostor) must be "
                    + "positive counts; " + expected);
        }
        String source = pairs.has("impostor")
                ? "eval all-pairs report " + file + " (every pair of " + report.path("selection").path("images").asText("?")
                        + " photos of " + report.path("selection").path("people").asText("?") + " people, flip "
                        + (report.path("pipeline").path("flip_fusion").asBoolean(false) ? "sum" : "none") + ")"
                : "eval verify report " + file + " (protocol " + report.path("protocol").asText("?") + ", flip "
                        + report.path("protocol_parameters").path("flip").asText("?") + ")";
        requireReachable(farTarget * negatives >= 1 - 1e-9, farTarget, negatives, source);
        for (JsonNode point : detail) {
            double target = point.path("far_target").asDouble(Double.NaN);
            if (Math.abs(target - farTarget) <= 1e-9 * farTarget) {
                JsonNode threshold = point.get("threshold_cosine");
                if (threshold == null || !threshold.isNumber()) {
                    throw new IOException(file + ": tar_at_far_detail for FAR " + farTarget + " has no threshold_cosine; " + expected);
                }
                return new Calibration(threshold.asDouble(), farTarget, point.path("far_reached").asDouble(),
                        point.path("tar").asDouble(), positives, negatives, source, modelId, Instant.now().toString());
            }
        }
        JsonNode fpr = roc.get("fpr");
        JsonNode tpr = roc.get("tpr");
        JsonNode thresholds = roc.get("threshold_cosine");
        if (fpr == null || tpr == null || thresholds == null || !fpr.isArray() || fpr.size() != tpr.size()
                || fpr.size() != thresholds.size() || fpr.size() < 2) {
            throw new IOException(file + ": roc.fpr, roc.tpr and roc.threshold_cosine must be arrays of one length; " + expected);
        }
        int at = -1;
        for (int j = 1; j < fpr.size(); j++) {   // point 0 is the +inf threshold (null)
            if (fpr.get(j).asDouble() <= farTarget + 1e-12 && thresholds.get(j).isNumber()) {
                at = j;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException(source + ": no ROC point reaches FAR ≤ " + farTarget);
        }
        return new Calibration(thresholds.get(at).asDouble(), farTarget, fpr.get(at).asDouble(), tpr.get(at).asDouble(),
                positives, negatives, source + ", read off its ROC curve", modelId, Instant.now().toString());
    }

    private static void requireFar(double far) {
        if (!(far > 0 && far < 1)) {
            throw new IllegalArgumentException("--far must be in (0, 1), got " + far);
        }
    }

    private static void requireReachable(boolean reachable, double far, long negatives, String source) {
        if (!reachable) {
            throw new IllegalArgumentException("FAR " + far + " cannot be measured on " + negatives + " different-identity pairs ("
                    + source + "): it needs at least " + (long) Math.ceil(1 / far) + "; choose a larger --far or more pairs");
        }
    }
}
