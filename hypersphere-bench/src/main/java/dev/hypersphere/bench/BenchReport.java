package dev.hypersphere.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's whole result: the machine, the load average before and after, every {@link Comparison}, notes,
 * and how long it took. Printed as a table ({@link #toText}) and kept as JSON ({@link #toJson}).
 */
public record BenchReport(String benchmark, boolean quick, String command, Map<String, Object> machine,
                          List<Double> loadBefore, List<Double> loadAfter, double seconds,
                          List<Comparison> comparisons, Map<String, Object> details, List<String> notes) {

    public BenchReport {
        comparisons = List.copyOf(comparisons);
        details = new LinkedHashMap<>(details);
        notes = List.copyOf(notes);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", benchmark);
        m.put("quick", quick);
        m.put("command", command);
        Map<String, Object> host = new LinkedHashMap<>(machine);
        host.put("load_average_before", loadBefore);
        host.put("load_average_after", loadAfter);
        m.put("machine", host);
        m.put("seconds", seconds);
        List<Map<String, Object>> rows = new ArrayList<>();
        comparisons.forEach(c -> rows.add(c.toMap()));
        m.put("results", rows);
        m.put("details", details);
        m.put("notes", notes);
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The human-readable form: machine line, one block per case, notes. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "benchmark %s%s  (%.0f s)%n", benchmark, quick ? " --quick" : "", seconds));
        b.append("machine: ").append(Machine.summary(machine, loadBefore, loadAfter)).append(" (1-min load before→after; ")
                .append("5/15-min before ").append(loadBefore.size() == 3 ? loadBefore.get(1) + "/" + loadBefore.get(2) : "?")
                .append(")").append(System.lineSeparator());
        for (Comparison c : comparisons) {
            b.append(String.format(Locale.ROOT, "%n  %s%n", c.name()));
            b.append(String.format(Locale.ROOT, "    ours:     %s  [%s]%n", describe(c.ours()), c.oursLabel()));
            if (c.baseline() != null) {
                b.append(String.format(Locale.ROOT, "    baseline: %s  [%s]%n", describe(c.baseline()), c.baselineLabel()));
            }
            if (c.ratio() != null) {
                Boolean met = c.met();
                b.append(String.format(Locale.ROOT, "    ratio:    %.3f  (%s; target %s%s)%n", c.ratio(), c.ratioMeans(), c.target(),
                        met == null ? "" : met ? ": met" : ": NOT met"));
            }
            c.details().forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %s: %s%n", k, v)));
        }
        for (String note : notes) {
            b.append(System.lineSeparator()).append("  note: ").append(note);
        }
        if (!notes.isEmpty()) {
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    static String describe(Samples s) {
        return String.format(Locale.ROOT, "%s %s median (min %s, max %s, spread %.1f %%, %d reps)", number(s.median()), s.unit(),
                number(s.min()), number(s.max()), 100 * s.relativeSpread(), s.count());
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
