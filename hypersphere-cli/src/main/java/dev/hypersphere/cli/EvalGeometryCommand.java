package dev.hypersphere.cli;

import dev.hypersphere.eval.geometry.Geometry;
import dev.hypersphere.eval.io.EmbeddingSet;
import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.eval.plot.SphereViews;
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

/** {@code hypersphere eval geometry}: class centres, angles, SphereFace's criterion, alignment/uniformity, norms. */
@Command(name = "geometry",
        mixinStandardHelpOptions = true,
        description = {"The geometry of labelled embeddings on the sphere: per-class mean directions, intra-class angles "
                + "(to the centre and pairwise), angles between class centres, SphereFace's criterion (max intra-class "
                + "angle < min inter-class angle), alignment and uniformity, feature norms before normalisation.",
                "2-D and 3-D embeddings are also drawn on the circle / sphere."})
final class EvalGeometryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "FILE.npy", description = "Embeddings, N×d .npy.")
    Path embeddings;

    @Option(names = "--rows", paramLabel = "FILE", description = "Rows file with the labels (default: the .tsv beside it).")
    Path rows;

    @Option(names = "--alpha", defaultValue = "2", description = "Alignment exponent α (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--t", defaultValue = "2", description = "Uniformity temperature t (default ${DEFAULT-VALUE}).")
    double t;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the alignment partners and sampled uniformity.")
    long seed;

    @Option(names = "--block", defaultValue = "2048", description = "Rows per matrix-product block (default ${DEFAULT-VALUE}).")
    int block;

    @Mixin
    EvalOutputOptions output;

    @Override
    public Integer call() throws IOException {
        dev.hypersphere.validate.Inputs.requirePositive("--alpha", alpha);
        dev.hypersphere.validate.Inputs.requirePositive("--t", t);
        if (block < 1) {
            throw new IllegalArgumentException("--block must be >= 1, got " + block);
        }
        EvalRun run = new EvalRun("geometry", output.out, output.html, spec.commandLine().getErr());
        EmbeddingSet set = run.embeddings(embeddings, rows);
        List<String> labels = set.requireLabels();
        set.requireUsableRows();
        String model = output.nameOr(embeddings.getFileName().toString());
        Geometry.Result result = Geometry.analyse(set.values(), set.dim(), labels, alpha, t, seed, block);
        run.report.put("model", model);
        run.report.putAll(Geometry.toMap(result));
        run.plot("angles", "Intra-class pairwise angles and angles between class centres",
                Charts.angleHistogram("Angles: " + model + " (intra-class pairs vs class centres)", result.pairwise().values(),
                        result.interCentre().values(), 2));
        if (set.dim() == 2) {
            run.plot("circle", "Features on the circle", SphereViews.circle("Features on the circle: " + model, set.values(), labels));
        } else if (set.dim() == 3) {
            run.plot("sphere", "Features on the sphere", SphereViews.sphere("Features on the sphere: " + model, set.values(), labels));
        }
        Map<String, String> headline = new LinkedHashMap<>();
        headline.put("samples / classes", set.count() + " / " + result.classes().size());
        headline.put("max intra-class angle", String.format(Locale.ROOT, "%.2f°", result.maxIntraDeg()));
        headline.put("min inter-class angle", String.format(Locale.ROOT, "%.2f°", result.minInterDeg()));
        headline.put("SphereFace criterion", (result.maxIntraDeg() < result.minInterDeg() ? "met" : "not met") + "; "
                + EvalRun.percent(result.fractionMeeting()) + " of classes meet it");
        headline.put("alignment (α=" + alpha + ")", EvalRun.number(result.alignment()));
        headline.put("uniformity (t=" + t + ")", EvalRun.number(result.uniformity()) + (result.uniformityExact() ? "" : " (sampled)"));
        headline.put("mean feature norm", EvalRun.number(Geometry.normStats(result.norms()).get("mean")));
        Path report = run.finish("Geometry: " + model, headline, run.warnings);
        PrintWriter o = spec.commandLine().getOut();
        headline.forEach((k, v) -> o.printf(Locale.ROOT, "%-22s %s%n", k, v));
        o.println("report: " + report + (output.html ? " and report.html" : ""));
        o.flush();
        return 0;
    }
}
