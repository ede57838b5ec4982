package dev.hypersphere.experiment.sphereface;

import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.split.SubsetSource;
import dev.hypersphere.eval.geometry.Geometry;
import dev.hypersphere.eval.plot.Figure;
import dev.hypersphere.eval.plot.SphereViews;
import dev.hypersphere.experiment.Experiment;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentReport;
import dev.hypersphere.experiment.ExperimentRuns;
import dev.hypersphere.experiment.FigureGrid;
import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import dev.hypersphere.train.setup.DataSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SphereFace's MNIST study (Liu et al. 2017, Fig. 2 and §3.3): LeNet++ with 2-D and 3-D features trained with each
 * head; the features drawn on the circle / sphere, test accuracy, and the paper's angular criterion (the largest
 * intra-class angle should be smaller than the smallest inter-class angle).
 */
public final class SphereFaceMnist implements Experiment {

    /** A head as this experiment trains it: config name, parameters, and the label in tables. */
    record HeadSetting(String label, String name, Map<String, String> params) {}

    /** Scales and margins chosen for 10 classes in 2 or 3 dimensions (the faces' s 64, m 0.5 would not fit). */
    static final List<HeadSetting> HEADS = List.of(
            new HeadSetting("softmax", "softmax", Map.of()),
            new HeadSetting("normface s16", "normface", Map.of("s", "16")),
            new HeadSetting("sphereface m1", "sphereface", Map.of("m", "1")),
            new HeadSetting("sphereface m2", "sphereface", Map.of("m", "2")),
            new HeadSetting("sphereface m3", "sphereface", Map.of("m", "3")),
            new HeadSetting("sphereface m4", "sphereface", Map.of("m", "4")),
            new HeadSetting("cosface s16 m0.2", "cosface", Map.of("s", "16", "m", "0.2")),
            new HeadSetting("arcface s16 m0.2", "arcface", Map.of("s", "16", "m", "0.2")));

    /** The quick mode's smoke test: one head of each kind of margin. */
    static final List<HeadSetting> QUICK_HEADS = List.of(HEADS.get(0), HEADS.get(5), HEADS.get(7));

    static final int[] DIMS = {2, 3};

    @Override
    public String name() {
        return "sphereface-mnist";
    }

    @Override
    public String description() {
        return "SphereFace's MNIST figure: LeNet++ with 2-D and 3-D features under softmax, normface, sphereface m=1..4, "
                + "cosface and arcface; test accuracy, the features on the circle/sphere, and the max-intra < min-inter "
                + "angle criterion.";
    }

    /** Steps per run: quick is a smoke run; full is about half an epoch of MNIST at batch 64 (32,000 images) per head and dimension, which the 16 runs afford on two CPU cores. */
    static long steps(boolean quick) {
        return quick ? 40 : 500;
    }

    @Override
    public void run(ExperimentContext context, ExperimentReport report) throws IOException {
        Path mnist = context.data("mnist");
        long steps = steps(context.quick());
        int evalSamples = context.quick() ? 2000 : 10_000;
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        Path figures = context.out().resolve("figures");
        Files.createDirectories(figures);
        for (int dim : DIMS) {
            List<Figure> panels = new ArrayList<>();
            for (HeadSetting head : context.quick() ? QUICK_HEADS : HEADS) {
                String run = dim + "d-" + head.label().replace(' ', '-');
                TrainConfig config = ExperimentRuns.config("mnist-sphereface", overrides(context, mnist, dim, head, steps));
                Training.Report trained = ExperimentRuns.train(context, run, config);
                Embeddings test = embedTest(context, run, config, evalSamples);
                List<String> labels = labels(test);
                Geometry.Result g = Geometry.analyse(test.vectors(), dim, labels, 2, 2, context.seed(), 2048);
                double accuracy = ExperimentRuns.number(trained, "accuracy");
                rows.add(List.of(dim, head.label(), accuracy, g.toCentre().mean(), g.maxIntraDeg(), g.minInterDeg(),
                        g.fractionMeeting(), g.alignment(), g.uniformity()));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("dim", dim);
                r.put("head", head.name());
                r.put("head_parameters", head.params());
                r.put("test_accuracy", accuracy);
                r.put("train_seconds", ExperimentRuns.number(trained, "seconds"));
                r.put("geometry", Geometry.toMap(g));
                results.put(run, r);
                panels.add(panel(head.label(), dim, test, labels, context.seed()));
                context.console().printf(Locale.ROOT, "%s: test accuracy %.4f, max intra %.1f°, min inter %.1f°%n", run,
                        accuracy, g.maxIntraDeg(), g.minInterDeg());
            }
            String name = "features-" + dim + "d";
            FigureGrid.of(panels, 4).write(figures, name, 4 * (dim == 2 ? 420 : 900), 2 * (dim == 2 ? 420 : 360));
            report.figure("figures/" + name + ".png");
        }
        report.put("runs", results);
        report.put("steps_per_run", steps);
        report.put("test_samples", evalSamples);
        report.table(new ExperimentReport.Table("MNIST test set, LeNet++ (" + steps + " steps, batch 64, per run)",
                List.of("dim", "head", "test accuracy", "mean angle to class centre (°)", "max intra-class angle (°)",
                        "min inter-centre angle (°)", "classes meeting criterion", "alignment (α 2)", "uniformity (t 2)"),
                rows, "Criterion (SphereFace §3.3): a class meets it when its largest intra-class angle is smaller than the "
                        + "angle to the nearest other class centre. Accuracy is the classifier's on the " + evalSamples
                        + " test images; angles and alignment/uniformity are of the L2-normalised test features."));
        report.note("Sphereface is the paper's A-Softmax with its Caffe λ annealing (base 1000, γ 0.12, power 1, λ_min 5); "
                + "normface, cosface and arcface use s 16 because 2-D/3-D features cannot hold the faces' s 64 margins.");
    }

    private static Map<String, String> overrides(ExperimentContext context, Path mnist, int dim, HeadSetting head, long steps) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("data.path", mnist.toString());
        o.put("model.embedding-dim", String.valueOf(dim));
        o.put("head.name", head.name());
        head.params().forEach((k, v) -> o.put("head.params." + k, v));
        o.put("train.steps", String.valueOf(steps));
        // The preset's schedule (decay at 2/3 and 13/15 of 3000 steps), scaled to this length.
        o.put("schedule.milestones", "[" + steps * 2 / 3 + ", " + steps * 13 / 15 + "]");
        o.put("train.validate-every", "0");
        o.put("train.checkpoint-every", String.valueOf(Math.max(1, steps / 4)));
        o.put("train.log-every", String.valueOf(Math.min(50, steps)));
        o.put("train.seed", String.valueOf(context.seed()));
        o.put("train.threads", String.valueOf(context.threads()));
        return o;
    }

    private static Embeddings embedTest(ExperimentContext context, String run, TrainConfig config, int samples)
            throws IOException {
        try (DataSetup data = DataSetup.open(config.data());
             Embedder embedder = Embedder.load(context.run(run))) {
            SampleSource test = data.heldOut();
            if (samples < test.size()) {
                test = new SubsetSource(test, dev.hypersphere.experiment.Subsets.seeded(test.size(), samples, context.seed()));
            }
            return embedder.embed(test, 256, config.data().loaderThreads(), null);
        }
    }


    private static List<String> labels(Embeddings e) {
        List<String> labels = new ArrayList<>(e.size());
        for (int label : e.labels()) {
            labels.add(String.valueOf(label));
        }
        return labels;
    }

    /** One panel: at most 2,000 test features (seeded), so the classes stay visible. */
    private static Figure panel(String title, int dim, Embeddings test, List<String> labels, long seed) {
        int[] keep = dev.hypersphere.experiment.Subsets.seeded(test.size(), Math.min(2000, test.size()), seed);
        float[] points = new float[keep.length * dim];
        List<String> kept = new ArrayList<>(keep.length);
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(test.vectors(), keep[i] * dim, points, i * dim, dim);
            kept.add(labels.get(keep[i]));
        }
        return dim == 2 ? SphereViews.circle(title, points, kept) : SphereViews.sphere(title, points, kept);
    }
}
