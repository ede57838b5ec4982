package dev.hypersphere.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a benchmark's result: our measurement, the baseline's (measured in the same invocation), their ratio
 * (from the medians) and whether it meets the target.
 *
 * @param name     the case, e.g. "iresnet18"
 * @param ours     this project's measurement
 * @param baseline the reference measurement; null where there is none (then there is no ratio either)
 * @param ratioMeans what the ratio is, e.g. "Java s/step ÷ PyTorch s/step"
 * @param ratio    from the medians; null where there is no baseline
 * @param details  anything else worth keeping (phase breakdowns, agreement, sizes)
 */
public record Comparison(String name, Samples ours, String oursLabel, Samples baseline, String baselineLabel,
                         String ratioMeans, Double ratio, Target target, Map<String, Object> details) {

    public Comparison {
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    /** ratio = ours ÷ baseline (medians). */
    public static Comparison quotient(String name, Samples ours, String oursLabel, Samples baseline, String baselineLabel,
                                      String ratioMeans, Target target, Map<String, Object> details) {
        Double ratio = baseline == null ? null : ours.median() / baseline.median();
        return new Comparison(name, ours, oursLabel, baseline, baselineLabel, ratioMeans, ratio, target, details);
    }

    public Boolean met() {
        return target.met(ratio);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", name);
        m.put("ours_label", oursLabel);
        m.put("ours", ours.toMap());
        m.put("baseline_label", baselineLabel);
        m.put("baseline", baseline == null ? null : baseline.toMap());
        m.put("ratio_means", ratioMeans);
        m.put("ratio", ratio);
        m.put("target", target.toString());
        m.put("met", met());
        m.put("details", details);
        return m;
    }
}
