package dev.hypersphere.search.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A cosine threshold chosen for a target false accept rate, with what it reached on the pairs it was measured on.
 *
 * @param threshold accept when cosine ≥ threshold
 * @param farTarget the FAR asked for
 * @param farAchieved the FAR measured at the threshold (≤ target; ties in score can keep it below)
 * @param tar the true accept rate measured at the threshold
 * @param positives same-identity pairs measured
 * @param negatives different-identity pairs measured
 * @param source what the scores came from (a report file, or pairs + images)
 * @param modelId the embedder's id when known, else null
 * @param created ISO-8601 time of calibration
 */
public record Calibration(double threshold, double farTarget, double farAchieved, double tar, long positives, long negatives,
                          String source, String modelId, String created) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threshold", threshold);
        json.put("far_target", farTarget);
        json.put("far_achieved", farAchieved);
        json.put("tar", tar);
        json.put("positives", positives);
        json.put("negatives", negatives);
        json.put("source", source);
        json.put("model_id", modelId);
        json.put("created", created);
        return json;
    }

    /** Reads the JSON form; {@code where} names the file and field in errors. */
    public static Calibration fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object {threshold, far_target, far_achieved, tar, ...}");
        }
        return new Calibration(number(node, "threshold", where), number(node, "far_target", where),
                number(node, "far_achieved", where), number(node, "tar", where), (long) number(node, "positives", where),
                (long) number(node, "negatives", where), text(node, "source"), text(node, "model_id"), text(node, "created"));
    }

    /** One line a person reads: the threshold and what it was calibrated for. */
    public String describe() {
        return String.format(Locale.ROOT, "cosine %.4f, calibrated for FAR %s (reached %s, TAR %.2f%% on %d+%d pairs; %s, %s)",
                threshold, far(farTarget), far(farAchieved), 100 * tar, positives, negatives, source, created);
    }

    static String far(double far) {
        return far == 0 ? "0" : String.format(Locale.ROOT, "%.3g", far);
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(where + "." + field + ": expected a number");
        }
        return v.asDouble();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
