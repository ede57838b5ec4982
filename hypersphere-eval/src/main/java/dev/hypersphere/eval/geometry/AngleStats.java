package dev.hypersphere.eval.geometry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summary of a set of angles in degrees: count, mean, std, min, percentiles, max, and a 1° histogram over [0, 180]. */
public final class AngleStats {

    private final double[] sorted;

    private AngleStats(double[] degrees) {
        sorted = degrees.clone();
        Arrays.sort(sorted);
    }

    public static AngleStats of(double[] degrees) {
        return new AngleStats(degrees);
    }

    /** The angle in degrees between unit vectors with cosine {@code cos}, clamped so that ±1 (and rounding past it) is safe. */
    public static double degrees(double cos) {
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }

    public int count() {
        return sorted.length;
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    public double mean() {
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return sorted.length == 0 ? Double.NaN : sum / sorted.length;
    }

    /** Linear-interpolated percentile (numpy's default), {@code q} in [0, 100]. */
    public double percentile(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }

    /** Counts per 1° bin: bin i holds [i, i+1), the last bin also 180. */
    public long[] histogram() {
        long[] bins = new long[180];
        for (double v : sorted) {
            bins[Math.max(0, Math.min(179, (int) Math.floor(v)))]++;
        }
        return bins;
    }

    public double[] values() {
        return sorted.clone();
    }

    public Map<String, Object> toMap(boolean withHistogram) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count());
        if (count() > 0) {
            double mean = mean();
            double sq = 0;
            for (double v : sorted) {
                sq += (v - mean) * (v - mean);
            }
            out.put("mean_deg", mean);
            out.put("std_deg", Math.sqrt(sq / count()));
            out.put("min_deg", min());
            out.put("p5_deg", percentile(5));
            out.put("median_deg", percentile(50));
            out.put("p95_deg", percentile(95));
            out.put("max_deg", max());
            if (withHistogram) {
                out.put("histogram_1deg", histogram());
            }
        }
        return out;
    }
}
