package dev.hypersphere.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeated measurements of one quantity (seconds per step, images/s, …): reported as the median and the spread
 * (min, max, and (max − min) / median), over at least three repetitions in a full run.
 *
 * @param unit e.g. "s/step", "images/s"
 */
public record Samples(String unit, double[] values) {

    public Samples {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples of " + unit);
        }
        values = values.clone();
    }

    public static Samples of(String unit, List<Double> values) {
        return new Samples(unit, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public double median() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double min() {
        return sorted()[0];
    }

    public double max() {
        return sorted()[values.length - 1];
    }

    /** (max − min) / median: 0.05 means the repetitions lay within 5 % of the median's size. */
    public double relativeSpread() {
        double median = median();
        return median == 0 ? 0 : (max() - min()) / Math.abs(median);
    }

    public int count() {
        return values.length;
    }

    private double[] sorted() {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit);
        m.put("median", median());
        m.put("min", min());
        m.put("max", max());
        m.put("relative_spread", relativeSpread());
        m.put("repetitions", values.length);
        m.put("values", Arrays.stream(values).boxed().toList());
        return m;
    }
}
