package dev.hypersphere.experiment.alignuniform;

import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.experiment.Experiment;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentReport;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wang &amp; Isola (2020), "Understanding Contrastive Representation Learning through Alignment and Uniformity on
 * the Hypersphere": encoders trained on CIFAR-10 with InfoNCE at several temperatures and with L_align + λ·L_unif
 * at several weights; for each, alignment and uniformity of its test embeddings against the accuracy of a linear
 * probe on its frozen features, as a table, the paper's scatter plot, and Spearman rank correlations.
 */
public final class AlignUniformExperiment implements Experiment {

    public static final String NAME = "align-uniform-cifar";
    static final String DATA = "cifar10-jpeg.tar.gz";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Alignment and uniformity predict linear-probe accuracy: InfoNCE (several τ) and L_align + λ·L_unif "
                + "(several λ) encoders on CIFAR-10 (Wang & Isola 2020)";
    }

    @Override
    public void run(ExperimentContext context, ExperimentReport report) throws IOException {
        Plan plan = context.quick() ? Plan.quick() : Plan.full();
        run(context, report, plan, EncoderRecipe.catalogue());
    }

    void run(ExperimentContext context, ExperimentReport report, Plan plan, List<EncoderRecipe> recipes) throws IOException {
        Path archive = context.data(DATA);
        var console = context.console();
        long loadStarted = System.nanoTime();
        console.println("reading " + archive + " ...");
        EncoderRun.Data data;
        try (ImageArchiveSource trainSource = ImageArchiveSource.open(archive, "train/", ImageOptions.rgb());
             ImageArchiveSource testSource = ImageArchiveSource.open(archive, "test/", ImageOptions.rgb())) {
            if (trainSource.size() == 0 || testSource.size() == 0) {
                throw new IllegalArgumentException(archive + ": expected train/<class>/*.jpg and test/<class>/*.jpg, found "
                        + trainSource.size() + " training and " + testSource.size() + " test images");
            }
            DecodedImages train = DecodedImages.decode(trainSource,
                    DecodedImages.choose(trainSource, plan.trainImages(), context.seed()));
            DecodedImages test = DecodedImages.decode(testSource,
                    DecodedImages.choose(testSource, plan.testImages(), context.seed() + 1));
            int[] probeIndices = DecodedImages.choose(train, plan.probeTrainImages(), context.seed() + 2);
            DecodedImages probeTrain = probeIndices.length == train.size() ? train : DecodedImages.decode(train, probeIndices);
            data = new EncoderRun.Data(train, probeTrain, test, trainSource.numClasses());
        }
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        console.printf(Locale.ROOT, "decoded %d training and %d test images in %.1f s%n", data.train().size(),
                data.test().size(), loadSeconds);

        List<EncoderRun.Result> results = new ArrayList<>();
        for (int i = 0; i < recipes.size(); i++) {
            String tag = String.format(Locale.ROOT, "[%d/%d]", i + 1, recipes.size());
            EncoderRun.Result result = EncoderRun.run(recipes.get(i), data, plan, context.seed(), console, tag);
            results.add(result);
            writeEncoder(context.run(result.recipe().name()), result, plan);
        }
        record(report, context, plan, data, results, loadSeconds);
    }

    private static void writeEncoder(Path folder, EncoderRun.Result r, Plan plan) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve("result.json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(encoderJson(r)));
    }

    private static Map<String, Object> encoderJson(EncoderRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoder", r.recipe().name());
        m.put("objective", r.recipe().trained() ? r.recipe().objective().describe() : Map.of("loss", "none (untrained)"));
        m.put("alignment", r.alignment());
        m.put("uniformity", r.uniformity());
        m.put("probe_accuracy", r.probeAccuracy());
        m.put("probe_train_accuracy", r.probeTrainAccuracy());
        m.put("train_seconds", r.trainSeconds());
        m.put("eval_seconds", r.evalSeconds());
        m.put("steps", r.steps());
        m.put("skipped_steps", r.skippedSteps());
        m.put("first_loss", finiteOrNull(r.firstLoss()));
        m.put("last_loss", finiteOrNull(r.lastLoss()));
        List<Map<String, Object>> curve = new ArrayList<>();
        for (double[] point : r.lossCurve()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step", (long) point[0]);
            entry.put("mean_loss", finiteOrNull(point[1]));   // null: every step of the window was skipped
            curve.add(entry);
        }
        m.put("loss_curve", curve);
        return m;
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void record(ExperimentReport report, ExperimentContext context, Plan plan, EncoderRun.Data data,
                               List<EncoderRun.Result> results, double loadSeconds) throws IOException {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("backbone", EncoderRun.BACKBONE);
        setup.put("embedding_dim", EncoderRun.DIM);
        setup.put("train_images", data.train().size());
        setup.put("probe_train_images", data.probeTrain().size());
        setup.put("test_images", data.test().size());
        setup.put("batch_size", plan.batchSize());
        setup.put("steps_per_encoder", plan.steps());
        setup.put("optimizer", "adamw");
        setup.put("learning_rate", plan.learningRate());
        setup.put("warmup_steps", plan.warmupSteps());
        setup.put("decay", "cosine");
        setup.put("weight_decay", 1e-4);
        setup.put("crop_scale", List.of(plan.cropScaleMin(), 1.0));
        setup.put("probe", Map.of("epochs", LinearProbe.Settings.standard().epochs(), "batch_size",
                LinearProbe.Settings.standard().batchSize(), "learning_rate", LinearProbe.Settings.standard().learningRate(),
                "weight_decay", LinearProbe.Settings.standard().weightDecay()));
        setup.put("data_seconds", loadSeconds);
        report.put("setup", setup);

        List<Map<String, Object>> encoders = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        List<AlignUniformScatter.Point> points = new ArrayList<>();
        for (EncoderRun.Result r : results) {
            encoders.add(encoderJson(r));
            rows.add(List.of(r.recipe().name(), r.recipe().family(), r.recipe().parameterLabel(), r.alignment(),
                    r.uniformity(), r.probeAccuracy(), String.format(Locale.ROOT, "%.0f", r.trainSeconds()),
                    r.steps() == 0 ? "–" : (Object) r.lastLoss()));
            points.add(new AlignUniformScatter.Point(r.recipe().name(), r.uniformity(), r.alignment(), r.probeAccuracy()));
        }
        report.put("encoders", encoders);
        report.table(new ExperimentReport.Table("Encoders on CIFAR-10 (" + data.test().size() + " test images)",
                List.of("encoder", "loss", "τ / λ", "alignment", "uniformity", "probe accuracy", "train time (s)",
                        "final loss"),
                rows, "alignment = E‖f(x) − f(x⁺)‖² over two augmentations of each test image; uniformity = "
                        + "log E exp(−2‖f(x) − f(y)‖²) over all pairs of clean test images (both lower = better); probe "
                        + "accuracy: linear softmax classifier on frozen features of " + data.probeTrain().size()
                        + " training images, scored on the test images. Final loss: the last training step's."));

        double[] accuracy = results.stream().mapToDouble(EncoderRun.Result::probeAccuracy).toArray();
        double[] alignment = results.stream().mapToDouble(EncoderRun.Result::alignment).toArray();
        double[] uniformity = results.stream().mapToDouble(EncoderRun.Result::uniformity).toArray();
        double rhoAlign = Spearman.correlation(alignment, accuracy);
        double rhoUniform = Spearman.correlation(uniformity, accuracy);
        List<EncoderRun.Result> trained = results.stream().filter(r -> r.recipe().trained()).toList();
        double rhoAlignTrained = trained.size() >= 3 ? Spearman.correlation(
                trained.stream().mapToDouble(EncoderRun.Result::alignment).toArray(),
                trained.stream().mapToDouble(EncoderRun.Result::probeAccuracy).toArray()) : Double.NaN;
        double rhoUniformTrained = trained.size() >= 3 ? Spearman.correlation(
                trained.stream().mapToDouble(EncoderRun.Result::uniformity).toArray(),
                trained.stream().mapToDouble(EncoderRun.Result::probeAccuracy).toArray()) : Double.NaN;
        Map<String, Object> spearman = new LinkedHashMap<>();
        spearman.put("alignment_vs_probe_accuracy", rhoAlign);
        spearman.put("uniformity_vs_probe_accuracy", rhoUniform);
        spearman.put("alignment_vs_probe_accuracy_trained_only", rhoAlignTrained);
        spearman.put("uniformity_vs_probe_accuracy_trained_only", rhoUniformTrained);
        spearman.put("encoders", results.size());
        spearman.put("trained_encoders", trained.size());
        report.put("spearman", spearman);
        report.table(new ExperimentReport.Table("Spearman rank correlation with probe accuracy",
                List.of("metric", "all " + results.size() + " encoders", "trained only (" + trained.size() + ")"),
                List.of(List.of("alignment", rhoAlign, rhoAlignTrained),
                        List.of("uniformity", rhoUniform, rhoUniformTrained)),
                "Negative = the lower (better) the metric, the higher the accuracy, as the paper finds. Ties share "
                        + "their mean rank."));

        String figure = "align-uniform-scatter";
        AlignUniformScatter.figure("Alignment vs uniformity on CIFAR-10 (colour: linear-probe accuracy)", points)
                .write(context.out(), figure, 1000, 700);
        report.figure(figure + ".png");
        report.put("figures_svg", List.of(figure + ".svg"));

        report.note(String.format(Locale.ROOT, "Setup: %s encoder (%d-d output, L2-normalised), %d training images, "
                        + "batches of %d (two views each), %d AdamW steps per encoder (peak lr %.0e, %d warm-up steps, cosine "
                        + "decay); every encoder starts from the same weights and sees the same batches.",
                EncoderRun.BACKBONE, EncoderRun.DIM, data.train().size(), plan.batchSize(), plan.steps(),
                plan.learningRate(), plan.warmupSteps()));
        report.note("Views as the paper's CIFAR-10 setting: random resized crop of scale (" + plan.cropScaleMin()
                + ", 1), flip, colour jitter 0.4 (brightness, contrast, saturation; no hue) with probability 0.8, grey with "
                + "probability 0.2. The paper trains ResNet/AlexNet-size encoders for 200 epochs with batches of 768; these "
                + "runs are far shorter, so absolute accuracies are far lower: the claim tested is the ranking.");
        report.note("The probe sees the L2-normalised 128-d output whose alignment and uniformity are measured "
                + "(the paper probes an earlier layer); 40 epochs of SGD with momentum on standardised features.");
        if (!context.quick()) {
            report.note("Size: 240 steps of 128 images per encoder, 5,000 probe-training and 5,000 test images, chosen "
                    + "from the step time measured on the shared 2-core machine (1.1 s per step with one engine thread, "
                    + "--threads 1, at load ~10; two threads cost three times the CPU there) and ~30 s per evaluation, so "
                    + "that the 9 trained encoders and 10 evaluations fit in about 45 minutes; an idle machine needs about "
                    + "a third of that.");
        }
        if (context.quick()) {
            report.note("Quick mode: " + plan.steps() + " steps per encoder is barely past initialisation, so the "
                    + "ranking is noisy; run without --quick for the reported numbers.");
        }
    }
}
