package dev.hypersphere.cli;

import dev.hypersphere.eval.embed.BinEmbedding;
import dev.hypersphere.eval.embed.ImageEmbedder;
import dev.hypersphere.eval.embed.ImageEmbedderProvider;
import dev.hypersphere.eval.io.EmbeddingSet;
import dev.hypersphere.eval.io.InsightFaceBin;
import dev.hypersphere.eval.io.PairList;
import dev.hypersphere.eval.io.PairsFile;
import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.eval.verify.FlipMode;
import dev.hypersphere.eval.verify.Folds;
import dev.hypersphere.eval.verify.PairFeatures;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.eval.verify.VerificationProtocol;
import dev.hypersphere.face.verify.LfwEvaluation;
import dev.hypersphere.face.verify.LfwVerification;
import dev.hypersphere.face.verify.PairImages;
import dev.hypersphere.face.verify.PhotoCollection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypersphere eval verify}: 10-fold verification accuracy under a named protocol, ROC, AUC, EER, TAR@FAR. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Face verification on pairs: the named protocol's 10-fold accuracy (mean ± std) and thresholds, "
                + "ROC, AUC, EER, TAR@FAR (1e-1..1e-6 where the pairs allow), insightface's VAL@FAR=1e-3.",
                "Inputs: --embeddings E.npy (+ its rows file E.tsv: 'label<TAB>path' per row) with --pairs "
                + "(LFW pairs.txt, 'i j same [fold]' lines, or builtin:orl); or --bin FILE.bin --model PATH (insightface "
                + "evaluation set, embedded by a trained model; pair i = images 2i and 2i+1); or --pairs pairs.txt "
                + "--images DIR|ARCHIVE --model PATH (the photos the LFW-format pairs name, each embedded once through the "
                + "face pipeline: detection, policy central, centre crop where no face is found, flip fusion; reports the "
                + "insightface and SphereFace accuracies, image and fallback counts, and whether the folds share people)."})
final class EvalVerifyCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", paramLabel = "FILE.npy", description = "Embeddings, N×d float32/float64 .npy.")
    Path embeddings;

    @Option(names = "--rows", paramLabel = "FILE", description = "Rows file of --embeddings (default: the .tsv beside it).")
    Path rows;

    @Option(names = "--flip-embeddings", paramLabel = "FILE.npy", description = "Embeddings of the horizontally flipped images, row for row.")
    Path flipEmbeddings;

    @Option(names = "--pairs", paramLabel = "FILE", description = "Pairs: LFW pairs.txt, plain 'i j same [fold]' lines, or builtin:orl.")
    String pairs;

    @Option(names = "--bin", paramLabel = "FILE.bin", description = "An insightface evaluation .bin (needs --model).")
    Path bin;

    @Option(names = "--model", paramLabel = "PATH",
            description = "The model that embeds the --bin images or the --images photos: a run folder or (--images) an ONNX face model.")
    Path model;

    @Option(names = "--images", paramLabel = "DIR|ARCHIVE",
            description = "Photos named by the LFW-format --pairs (Name/Name_0001.jpg), in a folder or a .tar/.tar.gz.")
    Path images;

    @Option(names = "--folds", split = ",", paramLabel = "F",
            description = "With --images: score only these folds (0-based, e.g. 0,1,2,3,4); each fold's threshold then comes "
                    + "from the other folds given. Default: all.")
    List<Integer> folds;

    @Mixin
    PhotoEvalOptions photo;

    @Option(names = "--batch-size", defaultValue = "64", description = "Images per model call with --bin (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--protocol", defaultValue = "insightface", paramLabel = "NAME",
            description = "insightface, sphereface, facexzoo or best-threshold (OpenSphere; default ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--flip", paramLabel = "MODE",
            description = "Flip test: none, sum, concat or mean (default: the protocol's own when flipped embeddings exist, else "
                    + "none); with --images: sum (default, the pipeline's flip fusion) or none.")
    String flip;

    @Mixin
    EvalOutputOptions output;

    @Override
    public Integer call() throws IOException {
        VerificationProtocol chosen = VerificationProtocol.byName(protocol);
        PrintWriter err = spec.commandLine().getErr();
        EvalRun run = new EvalRun("verify", output.out, output.html, err);
        if (images != null) {
            return verifyPhotos(chosen, run, err);
        }
        if (folds != null) {
            throw new IllegalArgumentException("--folds applies to --images (photos embedded here)");
        }
        float[] original;
        float[] flipped = null;
        int dim;
        PairList pairList;
        String source;
        if (bin != null) {
            if (embeddings != null || pairs != null) {
                throw new IllegalArgumentException("--bin brings its own images and pairs: do not combine it with --embeddings or --pairs");
            }
            if (model == null) {
                throw new IllegalArgumentException("--bin needs --model: the trained model that embeds its images");
            }
            InsightFaceBin.Contents contents;
            try {
                contents = InsightFaceBin.read(bin);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            run.checksum(bin);
            try (ImageEmbedder embedder = ImageEmbedderProvider.openModel(model)) {
                Progress progress = new Progress(err, "embedding " + bin.getFileName(), contents.images().size());
                BinEmbedding embedded = BinEmbedding.embed(contents, embedder, batchSize, progress::update);
                original = embedded.original();
                flipped = embedded.flipped();
                dim = embedded.dim();
            }
            int n = contents.pairs();
            int[] left = new int[n];
            int[] right = new int[n];
            for (int p = 0; p < n; p++) {
                left[p] = 2 * p;
                right[p] = 2 * p + 1;
            }
            pairList = new PairList(bin.toString(), left, right, contents.issame(), Folds.contiguous(n, 10), List.of());
            source = bin.toString();
        } else {
            if (embeddings == null || pairs == null) {
                throw new IllegalArgumentException("give --embeddings FILE.npy and --pairs FILE (or --bin FILE.bin --model PATH)");
            }
            EmbeddingSet set = run.embeddings(embeddings, rows);
            original = set.values();
            dim = set.dim();
            source = set.name();
            if (flipEmbeddings != null) {
                EmbeddingSet flippedSet = run.embeddings(flipEmbeddings, null);
                set.requireSameDim(flippedSet);
                if (flippedSet.count() != set.count()) {
                    throw new IllegalArgumentException(flipEmbeddings + " holds " + flippedSet.count() + " rows, " + embeddings
                            + " holds " + set.count() + ": flipped embeddings must match row for row");
                }
                flipped = flippedSet.values();
            }
            try {
                pairList = PairsFile.read(pairs, set.rows(), set.count());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException(pairs + ": pairs file not found");
            }
            if (!pairs.startsWith("builtin:")) {
                run.checksum(Path.of(pairs));
            }
        }
        pairList.warnings().forEach(run::warn);
        FlipMode mode = flip != null ? FlipMode.parse(flip) : flipped != null ? chosen.publishedFlipMode() : FlipMode.NONE;
        PairFeatures features = PairFeatures.gather(source, original, flipped, dim, mode, pairList.left(), pairList.right(),
                pairList.same(), pairList.fold());
        Verification.Outcome outcome = Verification.run(features, chosen, mode);
        String model = output.nameOr(Path.of(source).getFileName().toString());
        run.report.put("model", model);
        run.report.putAll(outcome.json());
        run.report.put("feature_norm", dev.hypersphere.eval.geometry.Geometry.normStats(rowNorms(original, dim, pairList)));
        return finish(run, model, chosen, mode.cliName(), outcome, new LinkedHashMap<>());
    }

    /** {@code --pairs --images --model}: the photos embedded here, then the protocols, with image and fallback counts. */
    private int verifyPhotos(VerificationProtocol chosen, EvalRun run, PrintWriter err) throws IOException {
        if (embeddings != null || bin != null || rows != null || flipEmbeddings != null) {
            throw new IllegalArgumentException("--images embeds the photos itself: do not combine it with --embeddings, --rows, "
                    + "--flip-embeddings or --bin");
        }
        if (pairs == null || model == null) {
            throw new IllegalArgumentException("--images needs --pairs FILE (LFW format) and --model PATH");
        }
        boolean fusion = PhotoEvalOptions.flipFusion(flip);
        dev.hypersphere.face.FacePipelineOptions options = photo.pipeline(model, fusion);
        long start = System.nanoTime();
        PairImages pairImages = PairImages.read(Path.of(pairs));
        PhotoCollection photos = photo.photos(images);
        LfwEvaluation.scoredFolds(pairImages, folds);   // bad folds and missing photos: said before any work starts
        pairImages.resolve(photos);
        err.printf(Locale.ROOT, "%s: %d photos of %d people%s; %s: %d pairs, %s%n", images, photos.size(), photos.people().size(),
                photos.root().isEmpty() ? "" : " under " + photos.root(), pairs, pairImages.pairs().size(),
                pairImages.disjointness().summary());
        err.flush();
        LfwVerification result;
        try (ProgressLine progress = new ProgressLine(err, "embedding photos", "photo")) {
            result = LfwEvaluation.verify(options, pairImages, photos, folds, chosen.name(), photo.threads, progress::update);
        }
        result.warnings().forEach(run::warn);
        run.checksum(Path.of(pairs));
        if (java.nio.file.Files.isRegularFile(images)) {
            run.checksum(images);
        }
        String name = output.nameOr(model.getFileName().toString());
        run.report.put("model", name);
        run.report.putAll(result.json());
        run.report.put("wall_s", (System.nanoTime() - start) / 1e9);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("images", String.format(Locale.ROOT, "%d embedded: %d faces found, %d centre-crop fallbacks%s",
                result.embeddings().size(), result.embeddings().detected(), result.embeddings().centreCropFallbacks(),
                options.detector() == null ? " (no detection: whole images)" : ""));
        extra.put("folds", result.folds().size() == pairImages.folds() ? "all " + pairImages.folds() : result.folds().toString());
        extra.put("people disjoint", result.disjointness().holds() ? "yes (" + result.disjointness().people() + " people)"
                : "NO: " + result.disjointness().shared().size() + " people in several folds");
        for (String protocolName : result.protocols().keySet()) {
            extra.put("accuracy " + protocolName, EvalRun.percent(result.accuracy(protocolName)) + " ± "
                    + EvalRun.percent(result.protocols().get(protocolName).accuracyStd()));
        }
        extra.put("time", String.format(Locale.ROOT, "%.1f s (embedding %.1f s)", (System.nanoTime() - start) / 1e9,
                (double) result.embeddings().timing().get("wall_s")));
        return finish(run, name, chosen, fusion ? "sum, pipeline fusion" : "none", result.outcome(), extra);
    }

    /** Plots, headline, report files and the printed summary, shared by every input. */
    private int finish(EvalRun run, String model, VerificationProtocol chosen, String flipLabel, Verification.Outcome outcome,
                       Map<String, String> extra) throws IOException {
        run.plot("roc", "ROC (cosine similarity)", Charts.roc("ROC: " + model + " (" + chosen.name() + " pairs)",
                List.of(new Charts.Curve(model, outcome.roc().fpr(), outcome.roc().tpr())), minFar(outcome.roc().negatives())));
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (int p = 0; p < outcome.cosines().length; p++) {
            double angle = Math.toDegrees(Math.acos(outcome.cosines()[p]));
            (outcome.same()[p] ? pos : neg).add(angle);
        }
        run.plot("pair_angles", "Angles of same and different pairs", Charts.angleHistogram("Pair angles: " + model,
                pos.stream().mapToDouble(Double::doubleValue).toArray(), neg.stream().mapToDouble(Double::doubleValue).toArray(), 2));

        Map<String, String> headline = new LinkedHashMap<>();
        int sameCount = 0;
        for (boolean s : outcome.same()) {
            sameCount += s ? 1 : 0;
        }
        headline.put("protocol", chosen.name() + " (flip: " + flipLabel + ")");
        headline.put("pairs", outcome.same().length + " (" + sameCount + " same)");
        headline.put("accuracy", EvalRun.percent(outcome.protocol().accuracy()) + " ± " + EvalRun.percent(outcome.protocol().accuracyStd()));
        headline.put("threshold", String.format(Locale.ROOT, "%.4f (%s)", outcome.protocol().threshold(), outcome.protocol().score()));
        headline.put("AUC", EvalRun.number(outcome.json().get("auc")));
        headline.put("EER", EvalRun.percent(outcome.json().get("eer")));
        @SuppressWarnings("unchecked")
        Map<String, Object> tar = (Map<String, Object>) outcome.json().get("tar_at_far");
        tar.forEach((far, value) -> headline.put("TAR@FAR=" + far, EvalRun.percent(value)));
        headline.putAll(extra);
        Path report = run.finish("Verification: " + model, headline, run.warnings);

        PrintWriter o = spec.commandLine().getOut();
        headline.forEach((k, v) -> o.printf(Locale.ROOT, "%-14s %s%n", k, v));
        o.println("report: " + report + (output.html ? " and report.html" : ""));
        o.flush();
        return 0;
    }

    private static double minFar(int negatives) {
        return Math.max(1e-6, Math.pow(10, Math.floor(Math.log10(1.0 / negatives))));
    }

    private static double[] rowNorms(float[] data, int dim, PairList pairs) {
        java.util.Set<Integer> used = new java.util.TreeSet<>();
        for (int p = 0; p < pairs.size(); p++) {
            used.add(pairs.left()[p]);
            used.add(pairs.right()[p]);
        }
        double[] norms = new double[used.size()];
        int i = 0;
        for (int row : used) {
            double s = 0;
            for (int k = row * dim; k < (row + 1) * dim; k++) {
                s += (double) data[k] * data[k];
            }
            norms[i++] = Math.sqrt(s);
        }
        return norms;
    }
}
