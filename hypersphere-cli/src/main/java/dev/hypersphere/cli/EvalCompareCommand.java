package dev.hypersphere.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.eval.report.Comparison;
import dev.hypersphere.eval.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hypersphere eval compare RUN...}: several reports side by side, ROC curves on one chart. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = "Put several eval reports side by side (each RUN is a report.json or the folder holding it); "
                + "with --out, writes report.json (the table) and the ROC curves of all runs on one chart.")
final class EvalCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "report.json files or run folders.")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the comparison's report.json and ROC chart.")
    Path out;

    @Option(names = "--html", description = "Also write report.html (needs --out).")
    boolean html;

    @Override
    public Integer call() throws IOException {
        if (html && out == null) {
            throw new IllegalArgumentException("--html needs --out");
        }
        List<JsonNode> reports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path run : runs) {
            try {
                JsonNode report = Reports.read(run);
                reports.add(report);
                String model = report.path("model").asText(run.toString());
                names.add(names.contains(model) ? model + " (" + run + ")" : model);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException(e.getFile() + ": no report.json there");
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        Map<String, Map<String, Object>> table = Comparison.table(names, reports);
        PrintWriter o = spec.commandLine().getOut();
        List<String> keys = new ArrayList<>(table.values().iterator().next().keySet());
        int width = Math.max(12, names.stream().mapToInt(String::length).max().orElse(12) + 2);
        o.printf(Locale.ROOT, "%-40s", "");
        names.forEach(n -> o.printf(Locale.ROOT, "%" + width + "s", n));
        o.println();
        for (String key : keys) {
            o.printf(Locale.ROOT, "%-40s", key);
            for (String n : names) {
                Object v = table.get(n).get(key);
                o.printf(Locale.ROOT, "%" + width + "s", v == null ? "-" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v);
            }
            o.println();
        }
        if (out != null) {
            EvalRun run = new EvalRun("compare", out, html, spec.commandLine().getErr());
            run.report.put("runs", runs.stream().map(Path::toString).toList());
            run.report.put("table", table);
            List<Charts.Curve> curves = Comparison.rocCurves(names, reports);
            if (!curves.isEmpty()) {
                run.plot("roc", "ROC curves", Charts.roc("ROC curves", curves, 1e-4));
            }
            Map<String, String> headline = new LinkedHashMap<>();
            for (String n : names) {
                Object acc = table.get(n).get("accuracy");
                headline.put(n, acc == null ? "-" : "accuracy " + EvalRun.percent(acc));
            }
            Path report = run.finish("Comparison", headline, List.of());
            o.println("report: " + report + (html ? " and report.html" : ""));
        }
        o.flush();
        return 0;
    }
}
