package dev.hypersphere.experiment.lfw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.image.ImageSets;
import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.experiment.Experiment;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentReport;
import dev.hypersphere.experiment.ExperimentRuns;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.pack.FacePackOptions;
import dev.hypersphere.face.pack.FacePacker;
import dev.hypersphere.face.verify.AllPairs;
import dev.hypersphere.face.verify.FoldAccuracies;
import dev.hypersphere.face.verify.LfwEvaluation;
import dev.hypersphere.face.verify.LfwVerification;
import dev.hypersphere.face.verify.PairImages;
import dev.hypersphere.face.verify.PhotoCollection;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Real faces under LFW's <em>unrestricted, labeled outside data</em> protocol, trained on two CPU cores: CelebA-299
 * and the LFW people outside the test folds are packed (detect, align, 64×64), a model is trained per cross-training
 * split with the {@code faces-cpu} recipe, and each model is scored on the LFW View 2 folds whose people it never saw,
 * from the photos themselves (detect, align, flip test; centre crop where no face is found), so that the two models
 * together give the 10-fold accuracy. Also every pair of the test people's photos (BLUFR's spirit: TAR at FAR 1e-3 and
 * 1e-4, open-set identification). With several heads ({@code lfw-margins}) the same protocol compares them.
 *
 * <p>Every stage leaves its result in the output folder and is skipped when found there, so an interrupted run
 * continues where it stopped ({@code experiment lfw --out DIR} again); training itself resumes from its checkpoints.
 */
public final class LfwExperiment implements Experiment {

    /** A head as trained here. */
    public record HeadSetting(String label, String name, Map<String, String> params) {}

    /** Two-way cross-training: folds 0–4 are scored by the model trained without their people, 5–9 likewise. */
    static final List<List<Integer>> SPLITS = List.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9));
    static final List<List<Integer>> QUICK_SPLITS = List.of(List.of(0, 1), List.of(5, 6));

    static final HeadSetting RECIPE = new HeadSetting("arcface s32 m0.4", "arcface", Map.of("s", "32", "m", "0.4"));

    /** The paper's claim on real faces: every classic head on the same recipe. */
    static final List<HeadSetting> MARGIN_HEADS = List.of(
            new HeadSetting("softmax", "softmax", Map.of()),
            new HeadSetting("normface s32", "normface", Map.of("s", "32")),
            new HeadSetting("sphereface m4", "sphereface", Map.of("m", "4")),
            new HeadSetting("cosface s32 m0.35", "cosface", Map.of("s", "32", "m", "0.35")),
            RECIPE,
            new HeadSetting("combined s32 (1, 0.3, 0.2)", "combined", Map.of("s", "32", "m1", "1.0", "m2", "0.3", "m3", "0.2")),
            new HeadSetting("subcenter-arcface s32 m0.4 K3", "subcenter-arcface", Map.of("s", "32", "m", "0.4", "k", "3")));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int SIZE = 64;

    private final String name;
    private final List<HeadSetting> heads;
    private final double stepFraction;

    /** {@code experiment lfw}: the recipe at its full length. */
    public LfwExperiment() {
        this("lfw", List.of(RECIPE), 1.0);
    }

    /** {@code experiment lfw-margins}: every head, at a fraction of the recipe's steps. */
    public static LfwExperiment margins() {
        return new LfwExperiment("lfw-margins", MARGIN_HEADS, 0.5);
    }

    LfwExperiment(String name, List<HeadSetting> heads, double stepFraction) {
        this.name = name;
        this.heads = List.copyOf(heads);
        this.stepFraction = stepFraction;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return heads.size() == 1
                ? "Real faces on 2 CPU cores: CelebA-299 + LFW people outside the test folds, faces-cpu recipe (iresnet-lite "
                        + "64×64, ArcFace), LFW 10-fold accuracy by 2-way cross-training on the photos, all-pairs TAR@FAR."
                : "The margin heads on real faces (softmax, NormFace, SphereFace, CosFace, ArcFace, combined, sub-center): "
                        + "the lfw protocol at " + Math.round(stepFraction * 100) + " % of the recipe's steps.";
    }

    @Override
    public void run(ExperimentContext context, ExperimentReport report) throws IOException {
        Path celebaPhotos = context.data("celeba-299.tar.gz");
        Path lfwPhotos = context.data("lfw/lfw-deepfunneled.tar.gz");
        Path pairsFile = context.data("lfw/pairs.txt");
        Path detector = detector(context);
        int threads = Math.max(1, context.threads() == 0 ? Runtime.getRuntime().availableProcessors() : context.threads());
        List<List<Integer>> splits = context.quick() ? QUICK_SPLITS : SPLITS;

        PairImages pairs = PairImages.read(pairsFile);
        if (!pairs.disjointness().holds()) {
            throw new IllegalArgumentException(pairsFile + ": " + pairs.disjointness().summary()
                    + " — cross-training needs the folds' people disjoint");
        }
        report.put("people_disjoint_across_folds", pairs.disjointness().json());
        Path celebaPack = pack(context, celebaPhotos, "celeba", 2, detector, threads);
        Path lfwPack = pack(context, lfwPhotos, "lfw", 1, detector, threads);
        PhotoCollection photos = PhotoCollection.open(lfwPhotos, null);

        Map<String, Object> results = new LinkedHashMap<>();
        List<List<Object>> rows = new ArrayList<>();
        List<Charts.Curve> curves = new ArrayList<>();
        for (HeadSetting head : heads) {
            Map<String, java.util.SortedMap<Integer, Double>> perProtocol = new LinkedHashMap<>();
            List<Map<String, Object>> splitResults = new ArrayList<>();
            double trainSeconds = 0;
            for (int s = 0; s < splits.size(); s++) {
                List<Integer> testFolds = splits.get(s);
                Set<String> testPeople = pairs.people(testFolds);
                Path trainPack = trainingPack(context, celebaPack, lfwPack, testPeople, s, threads);
                String run = (heads.size() == 1 ? "faces-cpu" : slug(head.label())) + "-split" + s;
                TrainConfig config = ExperimentRuns.config("faces-cpu", overrides(context, trainPack, head));
                Training.Report trained = ExperimentRuns.train(context, run, config);
                trainSeconds += ExperimentRuns.number(trained, "seconds");
                FacePipelineOptions pipeline = new FacePipelineOptions(context.run(run), detector, MultiFacePolicy.CENTRAL,
                        FacePipelineOptions.DEFAULT_SCORE_THRESHOLD, true, FaceTemplate.ARCFACE_112X112.id(), true);
                JsonNode verification = cached(context, run + ".verify.json", () -> LfwEvaluation.verify(pipeline, pairs,
                        photos, testFolds, "insightface", threads, progress(context, run + " LFW pairs")).json());
                JsonNode allPairs = cached(context, run + ".all-pairs.json", () -> AllPairs.evaluate(pipeline, photos,
                        testPeople, 1, threads, progress(context, run + " all pairs")).json());
                verification.path("accuracy_by_protocol").fields().forEachRemaining(e -> {
                    java.util.SortedMap<Integer, Double> folds = perProtocol.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
                    e.getValue().path("fold_accuracy").fields().forEachRemaining(
                            f -> folds.put(Integer.parseInt(f.getKey()), f.getValue().asDouble()));
                });
                curves.add(new Charts.Curve(head.label() + ", folds " + testFolds.get(0) + "–" + testFolds.get(testFolds.size() - 1),
                        doubles(allPairs.path("roc").path("fpr")), doubles(allPairs.path("roc").path("tpr"))));
                Map<String, Object> split = new LinkedHashMap<>();
                split.put("run", run);
                split.put("test_folds", testFolds);
                split.put("test_people", testPeople.size());
                split.put("train_seconds", ExperimentRuns.number(trained, "seconds"));
                split.put("verification", JSON.convertValue(verification, Map.class));
                split.put("all_pairs", JSON.convertValue(allPairs, Map.class));
                splitResults.add(split);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("head", head.name());
            result.put("head_parameters", head.params());
            perProtocol.forEach((protocol, folds) -> result.put("lfw_" + protocol,
                    new FoldAccuracies(folds).json()));
            result.put("splits", splitResults);
            result.put("train_seconds", trainSeconds);
            results.put(head.label(), result);
            FoldAccuracies insightface = new FoldAccuracies(perProtocol.get("insightface"));
            FoldAccuracies sphereface = new FoldAccuracies(perProtocol.get("sphereface"));
            rows.add(List.of(head.label(), insightface.mean(), insightface.std(), sphereface.mean(),
                    mean(splitResults, "all_pairs", "auc"), mean(splitResults, "all_pairs", "tar_at_far", "1e-3"),
                    mean(splitResults, "all_pairs", "tar_at_far", "1e-4"), mean(splitResults, "all_pairs", "identification", "rank_1"),
                    mean(splitResults, "all_pairs", "identification", "dir_at_far", "1e-2"), trainSeconds / splits.size() / 60));
            context.console().printf(Locale.ROOT, "%s: LFW %.2f %% ± %.2f (insightface protocol, %d folds)%n", head.label(),
                    100 * insightface.mean(), 100 * insightface.std(), insightface.folds().size());
        }
        report.put("results", results);
        report.put("splits", splits);
        Path figures = context.out().resolve("figures");
        Files.createDirectories(figures);
        Charts.roc("LFW, every pair of the test folds' photos (people unseen in training)", curves, 1e-6)
                .write(figures, "roc", 900, 600);
        report.figure("figures/roc.png");
        report.table(new ExperimentReport.Table("LFW (unrestricted, labeled outside data), " + (heads.size() == 1
                ? "the faces-cpu recipe" : "heads at " + Math.round(stepFraction * 100) + " % of the recipe's steps")
                + ", " + splits.size() + "-way cross-training",
                List.of("head", "LFW acc (insightface)", "± std", "LFW acc (SphereFace)", "AUC (all pairs)",
                        "TAR@FAR=1e-3 (all pairs)", "TAR@FAR=1e-4 (all pairs)", "rank-1", "DIR@FPIR=1e-2",
                        "train min per model"),
                rows, "Each fold scored by the model that never saw its people (people are disjoint across LFW's folds: "
                        + "checked). Training data: CelebA-299 (celebrities who may also be in LFW) and the LFW people of the "
                        + "other folds and of no pair with ≥ 2 photos. Photos detected, aligned (64×64) and embedded with the "
                        + "flip test; a photo without a detected face is embedded from its centre crop (counted in "
                        + "report.json). All-pairs columns: every pair of the test folds' people's photos, mean over the splits; rank-1 "
                        + "and DIR (open-set identification rate at a false-positive identification rate of 1 %): gallery = "
                        + "each test person's first photo, probes = their other photos and the photos of test people with one."));
    }

    /** A face pack of the photos at 64×64 in its own folder (a pack's 'property' file is per folder), made once. */
    private static Path pack(ExperimentContext context, Path photos, String name, int minImages, Path detector, int threads)
            throws IOException {
        Path out = context.out().resolve("packs").resolve(name).resolve(name);
        if (Files.isRegularFile(FacePacker.sibling(out, ".report.json"))) {
            context.console().println("pack " + name + ": made before, reading " + out + ".rec");
            return out.resolveSibling(name + ".rec");
        }
        Files.createDirectories(out.getParent());
        EncodedImageSource source = ImageSets.open(photos, "", ImageOptions.rgb());
        FacePackOptions options = FacePackOptions.defaults(detector).withSize(SIZE, SIZE).withMinImages(minImages)
                .withThreads(threads);
        FacePacker.Result result = FacePacker.pack(source, photos.toString(), out, FacePacker.Format.RECORDIO, options, 95,
                new FacePacker.Listener() {
                    @Override
                    public void aligned(int done, int total) {
                        if (done == total || done % 2000 == 0) {
                            context.console().printf(Locale.ROOT, "pack %s: %d/%d photos aligned%n", name, done, total);
                        }
                    }

                    @Override
                    public void written(int done, int total) {}
                });
        context.console().printf(Locale.ROOT, "pack %s: %s (%.0f photos/s)%n", name, result.report().counts(),
                result.report().photosPerSecond());
        return out.resolveSibling(name + ".rec");
    }

    private static Path trainingPack(ExperimentContext context, Path celeba, Path lfw, Set<String> testPeople, int split,
            int threads) throws IOException {
        Path out = context.out().resolve("packs").resolve("train-split" + split).resolve("train");
        Path rec = out.resolveSibling("train.rec");
        if (Files.isRegularFile(out.resolveSibling("train.classes.tsv"))) {
            return rec;
        }
        Files.createDirectories(out.getParent());
        var result = LfwTrainingSet.write(celeba, lfw, testPeople, out, threads, (done, total) -> {});
        context.console().printf(Locale.ROOT, "training set of split %d: %d photos of %d identities%n", split,
                result.images(), result.numClasses());
        return rec;
    }

    private Map<String, String> overrides(ExperimentContext context, Path trainPack, HeadSetting head) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("data.path", trainPack.toString());
        o.put("data.seed", String.valueOf(context.seed()));
        o.put("train.seed", String.valueOf(context.seed()));
        o.put("train.threads", String.valueOf(context.threads()));
        o.put("head.name", head.name());
        o.put("head.params", "{}");
        head.params().forEach((k, v) -> o.put("head.params." + k, v));
        if (context.quick()) {
            o.put("train.steps", "20");
            o.put("schedule.warmup-steps", "5");
            o.put("train.batch-size", "32");
            o.put("train.validate-every", "0");
            o.put("train.checkpoint-every", "10");
            o.put("validation.pairs", "200");
        } else if (stepFraction != 1.0) {
            TrainConfig recipe = ExperimentRuns.config("faces-cpu", Map.of());
            long steps = Math.round(recipe.train().steps() * stepFraction);
            o.put("train.steps", String.valueOf(steps));
            o.put("schedule.warmup-steps", String.valueOf(Math.round(recipe.schedule().warmupSteps() * stepFraction)));
        }
        return o;
    }

    /** The detector beside the data (../models/yunet), or $HYPERSPHERE_DETECTOR. */
    static Path detector(ExperimentContext context) {
        String configured = System.getenv("HYPERSPHERE_DETECTOR");
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : context.dataRoot().resolve("../models/yunet/yunet_s_dynamic.onnx").normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("face detector not found: " + path + " (set $HYPERSPHERE_DETECTOR to a YuNet .onnx)");
        }
        return path;
    }

    /** A result computed once and kept as JSON in the experiment's eval/ folder. */
    private static JsonNode cached(ExperimentContext context, String file, JsonWork work) throws IOException {
        Path path = context.out().resolve("eval").resolve(file);
        if (Files.isRegularFile(path)) {
            return JSON.readTree(path.toFile());
        }
        Files.createDirectories(path.getParent());
        Map<String, Object> value = work.run();
        AtomicFiles.writeString(path, JSON.writeValueAsString(value));
        return JSON.valueToTree(value);
    }

    @FunctionalInterface
    private interface JsonWork {
        Map<String, Object> run() throws IOException;
    }

    private static dev.hypersphere.face.verify.PhotoEmbedder.Progress progress(ExperimentContext context, String what) {
        return (done, total) -> {
            if (done == total || done % 1000 == 0) {
                context.console().printf(Locale.ROOT, "%s: %d/%d photos embedded%n", what, done, total);
            }
        };
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double mean(List<Map<String, Object>> splits, String... path) {
        double sum = 0;
        int n = 0;
        for (Map<String, Object> split : splits) {
            Object node = split;
            for (String key : path) {
                node = node instanceof Map<?, ?> m ? m.get(key) : null;
            }
            if (node instanceof Number number) {
                sum += number.doubleValue();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String slug(String label) {
        return label.replaceAll("[^A-Za-z0-9.]+", "-");
    }
}
