package dev.hypersphere.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an experiment found: key numbers, tables and figures. Written as {@code report.json} (everything) and
 * {@code summary.md} (the tables, the figures, the command, the machine and the duration) — the text RESULTS.md
 * is assembled from, so that no number there is typed in by hand.
 */
public final class ExperimentReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A table: a title, column names and rows of values (numbers are printed with 4 decimals). */
    public record Table(String title, List<String> columns, List<List<Object>> rows, String note) {}

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Records a value under {@code key} in report.json. */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** Adds a table (also stored in report.json under "tables"). */
    public void table(Table table) {
        tables.add(table);
    }

    /** Names a figure file (relative to the experiment folder) for the summary. */
    public void figure(String relativePath) {
        figures.add(relativePath);
    }

    /** A sentence for the summary (how to read the results, or what differs from the paper's setting). */
    public void note(String text) {
        notes.add(text);
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    /** Writes report.json and summary.md into {@code folder}, each atomically. */
    public void write(Path folder, Experiment experiment, ExperimentContext context, String command, double seconds)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", experiment.name());
        json.put("description", experiment.description());
        json.put("mode", context.quick() ? "quick" : "full");
        json.put("command", command);
        json.put("seed", context.seed());
        json.put("seconds", seconds);
        json.put("machine", Machine.describe());
        json.putAll(values);
        json.put("tables", tables);
        json.put("figures", figures);
        json.put("notes", notes);
        AtomicFiles.writeString(folder.resolve("report.json"), JSON.writeValueAsString(json));
        AtomicFiles.writeString(folder.resolve("summary.md"), markdown(experiment, context, command, seconds));
    }

    private String markdown(Experiment experiment, ExperimentContext context, String command, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(experiment.name()).append(context.quick() ? " (quick mode)" : "").append("\n\n");
        md.append(experiment.description()).append("\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Machine: ").append(Machine.describe().get("summary")).append("  \n");
        md.append(String.format(Locale.ROOT, "Duration: %s (wall clock, including data loading and evaluation)",
                Machine.duration(seconds)));
        if (values.get("runs_reused") instanceof Integer reused && reused > 0) {
            // A restarted experiment reads finished runs back: their training time is not in this invocation's clock.
            md.append(String.format(Locale.ROOT, "; %d of %d training runs were finished by an earlier invocation and "
                    + "read back, so their training time is not included", reused,
                    reused + (Integer) values.getOrDefault("runs_trained", 0)));
        }
        md.append("\n\n");
        for (Table table : tables) {
            md.append("**").append(table.title()).append("**\n\n");
            md.append("| ").append(String.join(" | ", table.columns())).append(" |\n");
            md.append("|").append("---|".repeat(table.columns().size())).append("\n");
            for (List<Object> row : table.rows()) {
                md.append("|");
                for (Object cell : row) {
                    md.append(' ').append(format(cell)).append(" |");
                }
                md.append('\n');
            }
            if (table.note() != null && !table.note().isBlank()) {
                md.append('\n').append(table.note()).append('\n');
            }
            md.append('\n');
        }
        for (String figure : figures) {
            md.append("![").append(figure).append("](").append(figure).append(")\n");
        }
        if (!figures.isEmpty()) {
            md.append('\n');
        }
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        return md.toString();
    }

    static String format(Object cell) {
        if (cell instanceof Double || cell instanceof Float) {
            double v = ((Number) cell).doubleValue();
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
        }
        return String.valueOf(cell);
    }
}
