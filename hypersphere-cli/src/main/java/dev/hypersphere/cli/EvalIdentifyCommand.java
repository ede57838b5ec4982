package dev.hypersphere.cli;

import dev.hypersphere.eval.identify.Identification;
import dev.hypersphere.eval.identify.Retrieval;
import dev.hypersphere.eval.io.EmbeddingSet;
import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.eval.verify.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypersphere eval identify}: closed-set rank-k and CMC, open-set TPIR@FPIR, retrieval metrics. */
@Command(name = "identify",
        mixinStandardHelpOptions = true,
        description = {"Identification by exact cosine search (blocked matrix products, never an N×N matrix).",
                "With --gallery and --probes: closed-set rank-1/5/10 and CMC over the mated probes, open-set TPIR@FPIR "
                + "(probes whose identity is not in the gallery are the non-mated ones), and retrieval metrics with "
                + "the probes as queries. With --embeddings alone: retrieval metrics with every row as a query against "
                + "the others (pytorch-metric-learning's AccuracyCalculator: precision@1, R-precision, MAP@R).",
                "Labels come from each file's rows file ('label<TAB>path' per row)."})
final class EvalIdentifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gallery", paramLabel = "FILE.npy", description = "Gallery embeddings (enrolled identities).")
    Path gallery;

    @Option(names = "--gallery-rows", paramLabel = "FILE", description = "Rows file of the gallery (default: .tsv beside it).")
    Path galleryRows;

    @Option(names = "--probes", paramLabel = "FILE.npy", description = "Probe embeddings (searches).")
    Path probes;

    @Option(names = "--probe-rows", paramLabel = "FILE", description = "Rows file of the probes (default: .tsv beside it).")
    Path probeRows;

    @Option(names = "--embeddings", paramLabel = "FILE.npy", description = "One labelled set: retrieval, leave-one-out.")
    Path embeddings;

    @Option(names = "--rows", paramLabel = "FILE", description = "Rows file of --embeddings.")
    Path rows;

    @Option(names = "--block", defaultValue = "2048", description = "Rows per matrix-product block (default ${DEFAULT-VALUE}).")
    int block;

    @Mixin
    EvalOutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (block < 1) {
            throw new IllegalArgumentException("--block must be >= 1, got " + block);
        }
        PrintWriter err = spec.commandLine().getErr();
        EvalRun run = new EvalRun("identify", output.out, output.html, err);
        Map<String, String> headline = new LinkedHashMap<>();
        String model;
        if (embeddings != null) {
            if (gallery != null || probes != null) {
                throw new IllegalArgumentException("give either --embeddings, or --gallery with --probes");
            }
            EmbeddingSet set = run.embeddings(embeddings, rows);
            List<String> labels = set.requireLabels();
            set.requireUsableRows();
            model = output.nameOr(embeddings.getFileName().toString());
            Retrieval.Result result = Retrieval.evaluate(set.values(), labels, set.values(), labels, set.dim(), true, block);
            run.report.put("model", model);
            run.report.put("mode", "leave-one-out retrieval on one set");
            run.report.put("retrieval", result.toMap());
            headline.put("precision@1", EvalRun.percent(result.precisionAt1()));
            headline.put("R-precision", EvalRun.percent(result.rPrecision()));
            headline.put("MAP@R", EvalRun.percent(result.mapAtR()));
        } else {
            if (gallery == null || probes == null) {
                throw new IllegalArgumentException("give --gallery and --probes (or --embeddings for one labelled set)");
            }
            EmbeddingSet g = run.embeddings(gallery, galleryRows);
            EmbeddingSet p = run.embeddings(probes, probeRows);
            g.requireSameDim(p);
            g.requireUsableRows();
            p.requireUsableRows();
            List<String> gl = g.requireLabels();
            List<String> pl = p.requireLabels();
            model = output.nameOr(probes.getFileName().toString());
            Identification.ProbeOutcomes outcomes = Identification.search(g.values(), gl, p.values(), pl, g.dim(), block);
            if (outcomes.matedCount() == 0) {
                throw new IllegalArgumentException("no probe label occurs in the gallery: nothing to identify (check the rows files)");
            }
            List<Identification.OpenSetPoint> open = Identification.openSet(outcomes, Verification.FAR_TARGETS);
            run.report.put("model", model);
            run.report.putAll(Identification.summary(outcomes, open));
            run.report.put("open_set_method", "TPIR at rank 1: mated probes whose identity ranks first with score >= threshold; "
                    + "threshold: lowest one whose FPIR (non-mated probes with top score >= threshold) does not exceed the target");
            run.report.put("retrieval", Retrieval.evaluate(p.values(), pl, g.values(), gl, g.dim(), false, block).toMap());
            double[] cmc = outcomes.cmc();
            double[] ranks = new double[cmc.length];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = i + 1;
            }
            run.plot("cmc", "CMC", Charts.cmc("CMC: " + model, List.of(new Charts.Curve(model, ranks, cmc))));
            headline.put("probes", outcomes.rank().length + " (" + outcomes.matedCount() + " mated)");
            headline.put("rank-1", EvalRun.percent(outcomes.rankAccuracy(1)));
            headline.put("rank-5", EvalRun.percent(outcomes.rankAccuracy(5)));
            headline.put("rank-10", EvalRun.percent(outcomes.rankAccuracy(10)));
            for (Identification.OpenSetPoint point : open) {
                if (point.reachable()) {
                    headline.put("TPIR@FPIR=" + Verification.farKey(point.fpirTarget()), EvalRun.percent(point.tpir()));
                }
            }
        }
        Path report = run.finish("Identification: " + model, headline, run.warnings);
        PrintWriter o = spec.commandLine().getOut();
        headline.forEach((k, v) -> o.printf(Locale.ROOT, "%-16s %s%n", k, v));
        o.println("report: " + report + (output.html ? " and report.html" : ""));
        o.flush();
        return 0;
    }
}
