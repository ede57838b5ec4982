package dev.hypersphere.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.eval.plot.Charts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several reports side by side: the headline numbers of each, and their ROC curves on one chart. */
public final class Comparison {

    /** The headline keys compared, in order ({@code a/b} is key b inside object a). */
    public static final List<String> KEYS = List.of("accuracy", "accuracy_std", "auc", "eer", "tar_at_far/1e-1",
            "tar_at_far/1e-2", "tar_at_far/1e-3", "tar_at_far/1e-4", "val_at_far_1e-3/val", "rank_1", "rank_5",
            "retrieval/precision_at_1", "retrieval/r_precision", "retrieval/mean_average_precision_at_r",
            "sphereface_criterion/fraction_of_classes_meeting", "alignment_uniformity/alignment", "alignment_uniformity/uniformity");

    private Comparison() {}

    /** {@code name → {key → value}}, keeping only keys that at least one report has. */
    public static Map<String, Map<String, Object>> table(List<String> names, List<JsonNode> reports) {
        Map<String, Map<String, Object>> table = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("command", text(reports.get(i).path("command")));
            row.put("protocol", text(reports.get(i).path("protocol")));
            for (String key : KEYS) {
                JsonNode node = at(reports.get(i), key);
                row.put(key, node == null || node.isNull() || node.isMissingNode() ? null : node.asDouble());
            }
            table.put(names.get(i), row);
        }
        for (String key : KEYS) {
            if (table.values().stream().allMatch(r -> r.get(key) == null)) {
                table.values().forEach(r -> r.remove(key));
            }
        }
        return table;
    }

    /** The ROC curves of the reports that have one. */
    public static List<Charts.Curve> rocCurves(List<String> names, List<JsonNode> reports) {
        List<Charts.Curve> curves = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            JsonNode roc = reports.get(i).path("roc");
            if (roc.has("fpr")) {
                double[] fpr = new double[roc.get("fpr").size()];
                double[] tpr = new double[fpr.length];
                for (int j = 0; j < fpr.length; j++) {
                    fpr[j] = roc.get("fpr").get(j).asDouble();
                    tpr[j] = roc.get("tpr").get(j).asDouble();
                }
                curves.add(new Charts.Curve(names.get(i), fpr, tpr));
            }
        }
        return curves;
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode node = root;
        for (String part : dotted.split("/")) {
            node = node.path(part);
        }
        return node;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
