package dev.hypersphere.cli;

import dev.hypersphere.eval.io.EmbeddingSet;
import dev.hypersphere.eval.plot.Figure;
import dev.hypersphere.eval.report.HtmlReport;
import dev.hypersphere.eval.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every {@code eval} subcommand shares: reading inputs with one-line errors, the output folder, plots, report. */
final class EvalRun {

    final Path out;
    final boolean html;
    final PrintWriter err;
    final Map<String, Object> report = new LinkedHashMap<>();
    final Map<String, String> checksums = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<HtmlReport.Plot> plots = new ArrayList<>();
    final List<String> plotFiles = new ArrayList<>();

    EvalRun(String command, Path out, boolean html, PrintWriter err) {
        this.out = out;
        this.html = html;
        this.err = err;
        report.put("command", command);
        report.put("created", Instant.now().toString());
    }

    /** Reads embeddings, turning file problems into one-line bad-input errors. */
    EmbeddingSet embeddings(Path npy, Path rows) {
        try {
            EmbeddingSet set = EmbeddingSet.read(npy, rows);
            checksums.putAll(set.checksums());
            return set;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    void checksum(Path file) {
        try {
            checksums.put(file.toString(), dev.hypersphere.eval.io.Checksums.sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void warn(String warning) {
        warnings.add(warning);
        err.println("hypersphere: warning: " + warning);
        err.flush();
    }

    void plot(String name, String title, Figure figure) throws IOException {
        figure.write(out, name, Figure.DEFAULT_WIDTH, Figure.DEFAULT_HEIGHT);
        plotFiles.add(name + ".png");
        plotFiles.add(name + ".svg");
        if (html) {
            plots.add(new HtmlReport.Plot(title, figure.svg(Figure.DEFAULT_WIDTH, Figure.DEFAULT_HEIGHT)));
        }
    }

    /** Writes report.json (and report.html); returns the report's path. */
    Path finish(String title, Map<String, String> headline, List<String> notes) throws IOException {
        Files.createDirectories(out);
        report.put("inputs_sha256", checksums);
        report.put("warnings", warnings);
        report.put("plots", plotFiles);
        Path json = Reports.write(out, report);
        if (html) {
            HtmlReport.write(out, title, headline, notes, plots);
        }
        return json;
    }

    static String percent(Object value) {
        return value instanceof Double d && Double.isFinite(d) ? String.format(java.util.Locale.ROOT, "%.2f%%", 100 * d) : "n/a";
    }

    static String number(Object value) {
        return value instanceof Double d && Double.isFinite(d) ? String.format(java.util.Locale.ROOT, "%.4f", d) : "n/a";
    }
}
