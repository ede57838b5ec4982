package dev.hypersphere.cli;

import dev.hypersphere.eval.identify.Identification;
import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.eval.verify.AllPairScores;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.verify.AllPairs;
import dev.hypersphere.face.verify.PairImages;
import dev.hypersphere.face.verify.PhotoCollection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypersphere eval all-pairs}: verification over every pair of photos, and open-set identification. */
@Command(name = "all-pairs",
        mixinStandardHelpOptions = true,
        description = {"Every photo of the chosen people embedded once through the face pipeline (policy central, centre "
                + "crop where no face is found, flip fusion), every pair of distinct photos scored: exact AUC, EER and TAR@FAR "
                + "down to 1e-6 where the pairs allow (LFW: 87 million pairs; its 6,000 protocol pairs stop at 1e-3).",
                "Open-set identification: the first photo of each person with >= 2 photos is the gallery, their other photos "
                + "are mated probes, photos of people with one photo non-mated ones: rank-1, DIR@FAR (TPIR@FPIR).",
                "People: everyone in --images (default), those listed in --people FILE (one name per line), or those "
                + "named by --pairs FILE in --folds (0-based; default all)."})
final class EvalAllPairsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR|ARCHIVE",
            description = "Photos <root>/<person>/<image>, in a folder or a .tar/.tar.gz (root found, or --prefix).")
    Path images;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "The embedder: a run folder or an ONNX face-embedding model.")
    Path model;

    @Option(names = "--people", paramLabel = "FILE", description = "Only these people: one name per line ('#' comments).")
    Path people;

    @Option(names = "--pairs", paramLabel = "FILE", description = "Only the people an LFW-format pairs file names (with --folds: in those folds).")
    Path pairs;

    @Option(names = "--folds", split = ",", paramLabel = "F", description = "With --pairs: the folds (0-based) whose people to take.")
    List<Integer> folds;

    @Option(names = "--min-images", defaultValue = "1", paramLabel = "K",
            description = "Only people with at least K photos (default ${DEFAULT-VALUE}: everyone).")
    int minImages;

    @Option(names = "--flip", defaultValue = "sum", paramLabel = "MODE",
            description = "Flip test: sum (default, the pipeline's flip fusion) or none.")
    String flip;

    @Mixin
    PhotoEvalOptions photo;

    @Mixin
    EvalOutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (people != null && pairs != null) {
            throw new IllegalArgumentException("give --people FILE or --pairs FILE [--folds ...], not both");
        }
        if (folds != null && pairs == null) {
            throw new IllegalArgumentException("--folds needs --pairs: the pairs file whose folds name the people");
        }
        boolean fusion = PhotoEvalOptions.flipFusion(flip);
        FacePipelineOptions options = photo.pipeline(model, fusion);
        PrintWriter err = spec.commandLine().getErr();
        EvalRun run = new EvalRun("all-pairs", output.out, output.html, err);
        long start = System.nanoTime();
        Collection<String> chosen = null;
        String selection = "everyone";
        if (people != null) {
            chosen = readPeople(people);
            run.checksum(people);
            selection = chosen.size() + " people from " + people;
        } else if (pairs != null) {
            PairImages pairImages = PairImages.read(pairs);
            chosen = folds == null ? pairImages.people() : pairImages.people(folds);
            run.checksum(pairs);
            selection = chosen.size() + " people of " + pairs + (folds == null ? "" : " folds " + folds);
        }
        PhotoCollection photos = photo.photos(images);
        AllPairs.choose(photos, chosen, minImages);   // unknown people, nobody left: said before any work starts
        err.printf(Locale.ROOT, "%s: %d photos of %d people%s; taking %s with >= %d photos%n", images, photos.size(),
                photos.people().size(), photos.root().isEmpty() ? "" : " under " + photos.root(), selection, minImages);
        err.flush();
        AllPairs.Result result;
        try (ProgressLine progress = new ProgressLine(err, "embedding photos", "photo")) {
            result = AllPairs.evaluate(options, photos, chosen, minImages, photo.threads, progress::update);
        }
        if (Files.isRegularFile(images)) {
            run.checksum(images);
        }
        String name = output.nameOr(model.getFileName().toString());
        run.report.put("model", name);
        run.report.put("people_selection", selection);
        run.report.putAll(result.json());
        run.report.put("wall_s", (System.nanoTime() - start) / 1e9);

        AllPairScores.Result scores = result.scores();
        double[][] curve = scores.curve();
        double minFar = Math.max(1e-7, Math.pow(10, Math.floor(Math.log10(1.0 / scores.impostor()))));
        run.plot("roc", "ROC over all pairs (cosine similarity)", Charts.roc("ROC: " + name + " (all " + scores.genuine()
                + " same / " + scores.impostor() + " different pairs)", List.of(new Charts.Curve(name, curve[0], curve[1])), minFar));

        Map<String, String> headline = new LinkedHashMap<>();
        headline.put("people", result.json().get("selection") instanceof Map<?, ?> s ? s.get("people") + " (" + s.get("images")
                + " photos)" : "");
        headline.put("images", String.format(Locale.ROOT, "%d embedded: %d faces found, %d centre-crop fallbacks%s",
                result.embeddings().size(), result.embeddings().detected(), result.embeddings().centreCropFallbacks(),
                options.detector() == null ? " (no detection: whole images)" : ""));
        headline.put("pairs", scores.genuine() + scores.impostor() + " (" + scores.genuine() + " same)");
        headline.put("AUC", String.format(Locale.ROOT, "%.6f", scores.auc()));
        headline.put("EER", EvalRun.percent(scores.eer()));
        for (AllPairScores.Operating op : scores.tarAtFar()) {
            if (op.reachable()) {
                headline.put("TAR@FAR=" + Verification.farKey(op.farTarget()), EvalRun.percent(op.tar()));
            }
        }
        if (result.identification() != null) {
            Identification.ProbeOutcomes outcomes = result.identification().outcomes();
            headline.put("identification", outcomes.identities() + " enrolled, " + outcomes.matedCount() + " mated and "
                    + (outcomes.rank().length - outcomes.matedCount()) + " non-mated probes");
            headline.put("rank-1", EvalRun.percent(outcomes.rankAccuracy(1)));
            for (Identification.OpenSetPoint point : result.identification().openSet()) {
                if (point.reachable()) {
                    headline.put("DIR@FAR=" + Verification.farKey(point.fpirTarget()), EvalRun.percent(point.tpir()));
                }
            }
        }
        headline.put("time", String.format(Locale.ROOT, "%.1f s (embedding %.1f s)", (System.nanoTime() - start) / 1e9,
                (double) result.embeddings().timing().get("wall_s")));
        Path report = run.finish("All pairs: " + name, headline, run.warnings);
        PrintWriter o = spec.commandLine().getOut();
        headline.forEach((k, v) -> o.printf(Locale.ROOT, "%-16s %s%n", k, v));
        o.println("report: " + report + (output.html ? " and report.html" : ""));
        o.flush();
        return 0;
    }

    /** One name per line; blank lines and '#' comments skipped; none at all is an error naming the file. */
    static List<String> readPeople(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": people file not found");
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + ": no names (expected one person per line)");
        }
        return names;
    }
}
