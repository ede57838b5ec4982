package dev.hypersphere.experiment.subcenter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.noise.LabelNoise;
import dev.hypersphere.data.split.SubsetSource;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.experiment.Experiment;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentReport;
import dev.hypersphere.experiment.ExperimentRuns;
import dev.hypersphere.head.ArcFaceHead;
import dev.hypersphere.head.SubCenterArcFaceHead;
import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import dev.hypersphere.train.run.RunFolder;
import dev.hypersphere.train.setup.DataSetup;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sub-center ArcFace's noise study (Deng et al., ECCV 2020 / TPAMI): symmetric label noise injected into MNIST's
 * training labels at 0, 20 and 40 %; ArcFace against sub-center ArcFace (K = 3): clean test accuracy, and how well
 * the dominant-sub-centre rule (angle to the class's dominant sub-centre above 75°) finds the corrupted samples.
 * For ArcFace the rule is applied to its single class centre, for comparison.
 */
public final class SubCenterNoise implements Experiment {

    static final double[] NOISE = {0.0, 0.2, 0.4};
    static final int[] SUB_CENTERS = {1, 3};
    static final double SCALE = 32;
    static final double MARGIN = 0.3;

    @Override
    public String name() {
        return "subcenter-noise";
    }

    @Override
    public String description() {
        return "ArcFace vs sub-center ArcFace (K=3) on MNIST with 0/20/40 % symmetric label noise: clean test accuracy, "
                + "and precision/recall of the 75° dominant-sub-centre rule at finding the corrupted training samples.";
    }

    @Override
    public void run(ExperimentContext context, ExperimentReport report) throws IOException {
        Path mnist = context.data("mnist");
        long steps = context.quick() ? 30 : 2000;
        int scanned = context.quick() ? 3000 : 60_000;
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        for (double noise : NOISE) {
            for (int k : SUB_CENTERS) {
                String label = (k == 1 ? "arcface" : "subcenter-arcface K" + k);
                String run = String.format(Locale.ROOT, "noise%02d-%s", Math.round(noise * 100), k == 1 ? "arcface" : "subcenter-k" + k);
                TrainConfig config = ExperimentRuns.config(null, overrides(context, mnist, noise, k, steps));
                Training.Report trained = ExperimentRuns.train(context, run, config);
                Detection d = detect(context, run, config, k, scanned);
                double accuracy = ExperimentRuns.number(trained, "accuracy");
                rows.add(List.of(String.format(Locale.ROOT, "%d %%", Math.round(noise * 100)), label, accuracy,
                        d.flagged, d.corrupted, d.precision(), d.recall()));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("noise", noise);
                r.put("head", k == 1 ? "arcface" : "subcenter-arcface");
                r.put("sub_centers", k);
                r.put("test_accuracy", accuracy);
                r.put("scanned_training_samples", d.scanned);
                r.put("corrupted", d.corrupted);
                r.put("flagged", d.flagged);
                r.put("true_positives", d.truePositives);
                r.put("precision", d.precision());
                r.put("recall", d.recall());
                r.put("train_seconds", ExperimentRuns.number(trained, "seconds"));
                results.put(run, r);
                context.console().printf(Locale.ROOT, "%s: test accuracy %.4f, flagged %d (precision %.3f, recall %.3f)%n",
                        run, accuracy, d.flagged, d.precision(), d.recall());
            }
        }
        report.put("runs", results);
        report.put("steps_per_run", steps);
        report.table(new ExperimentReport.Table("MNIST with symmetric label noise, smallnet 128-d, s " + (int) SCALE + " m "
                + MARGIN + ", " + steps + " steps × batch 128 per run",
                List.of("noise", "head", "clean test accuracy", "flagged (> 75°)", "corrupted", "precision", "recall"),
                rows, "Flagged: training samples (" + scanned + " scanned) whose angle to their labelled class's dominant "
                        + "sub-centre exceeds 75°. Precision/recall against the samples whose label was corrupted "
                        + "(undefined — shown as – — when nothing is flagged or nothing was corrupted)."));
    }

    private static Map<String, String> overrides(ExperimentContext context, Path mnist, double noise, int k, long steps) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("data.source", "idx");
        o.put("data.path", mnist.toString());
        o.put("data.channels", "1");
        o.put("data.height", "28");
        o.put("data.width", "28");
        o.put("data.split", "none");
        o.put("data.flip", "0");
        o.put("data.label-noise", String.valueOf(noise));
        o.put("data.seed", String.valueOf(context.seed()));
        o.put("model.backbone", "smallnet");
        o.put("model.embedding-dim", "128");
        o.put("head.name", k == 1 ? "arcface" : "subcenter-arcface");
        o.put("head.params.s", String.valueOf(SCALE));
        o.put("head.params.m", String.valueOf(MARGIN));
        if (k > 1) {
            o.put("head.params.k", String.valueOf(k));
        }
        o.put("optimizer.lr", "0.1");
        o.put("schedule.warmup-steps", String.valueOf(steps / 20));
        o.put("schedule.decay", "poly");
        o.put("train.batch-size", "128");
        o.put("train.steps", String.valueOf(steps));
        o.put("train.validate-every", "0");
        o.put("train.checkpoint-every", String.valueOf(Math.max(1, steps / 4)));
        o.put("train.log-every", String.valueOf(Math.min(50, steps)));
        o.put("train.seed", String.valueOf(context.seed()));
        o.put("train.threads", String.valueOf(context.threads()));
        o.put("validation.mode", "classification");
        return o;
    }

    /** How the 75° rule did on (a seeded part of) the noisy training set. */
    record Detection(int scanned, int corrupted, int flagged, int truePositives) {
        double precision() {
            return flagged == 0 ? Double.NaN : truePositives / (double) flagged;
        }

        double recall() {
            return corrupted == 0 ? Double.NaN : truePositives / (double) corrupted;
        }
    }

    private static Detection detect(ExperimentContext context, String run, TrainConfig config, int k, int scanned)
            throws IOException {
        try (DataSetup data = DataSetup.open(config.data());
             Embedder embedder = Embedder.load(context.run(run));
             NDManager manager = HypersphereEngine.newManager()) {
            SampleSource train = data.train();
            int[] rows = scanned < train.size() ? dev.hypersphere.experiment.Subsets.seeded(train.size(), scanned, context.seed())
                    : java.util.stream.IntStream.range(0, train.size()).toArray();
            SampleSource part = new SubsetSource(train, rows, allClasses(train.numClasses()));
            Embeddings e = embedder.embed(part, 512, config.data().loaderThreads(), null);
            SubCenterArcFaceHead head = new SubCenterArcFaceHead(train.numClasses(), e.dim(), k, SCALE, MARGIN,
                    ArcFaceHead.Mode.CLASSIC);
            head.initialize(manager, DataType.FLOAT32, new Shape(1, e.dim()));
            Path weights = new RunFolder(context.run(run)).weightsForEmbedding().resolve("head.params");
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
                head.loadParameters(manager, in);
            } catch (ai.djl.MalformedModelException ex) {
                throw new IOException(weights + " does not hold a head of " + k + " sub-centre(s): " + ex.getMessage(), ex);
            }
            NDArray x = manager.create(e.vectors(), new Shape(e.size(), e.dim()));
            NDArray y = manager.create(e.labels());
            SubCenterArcFaceHead.NoisySamples found = head.findNoisySamples(new ParameterStore(manager, false), x, y,
                    SubCenterArcFaceHead.DEFAULT_NOISE_THRESHOLD_DEGREES);
            LabelNoise noise = train instanceof LabelNoise n ? n : null;
            int corrupted = 0;
            for (int row : rows) {
                corrupted += noise != null && noise.isCorrupted(row) ? 1 : 0;
            }
            int truePositives = 0;
            for (int i : found.indices()) {
                truePositives += noise != null && noise.isCorrupted(rows[i]) ? 1 : 0;
            }
            return new Detection(rows.length, corrupted, found.indices().length, truePositives);
        }
    }

    private static int[] allClasses(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

}
