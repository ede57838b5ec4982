package dev.hypersphere.bench;

import dev.hypersphere.bench.step.StepRig;
import dev.hypersphere.data.Batch;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.loader.BatchLoader;
import dev.hypersphere.data.loader.LoaderOptions;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.io.SharedData;
import dev.hypersphere.model.BackboneSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code input-pipeline}: decoded and augmented images per second through {@link BatchLoader} against the rate at
 * which a training step on the same shapes consumes them (batch ÷ seconds per step of the project's TrainingStep).
 * Ratio: loader images/s ÷ model images/s (target ≥ 2). Cases: CIFAR-10 JPEGs from the shared tar (random resized
 * crop, flip, colour jitter) feeding the small CNN on 3×32×32, and synthetic 112×112 faces (flip) feeding
 * MobileFaceNet. Both are measured separately, each with the benchmark's thread count.
 */
public final class InputPipelineBench implements Benchmark {

    static final Target TARGET = Target.atLeast(2);

    @Override
    public String name() {
        return "input-pipeline";
    }

    @Override
    public String description() {
        return "BatchLoader images/s (CIFAR-10 JPEG tar, synthetic 112x112) vs the training step's consumption on the same shapes";
    }

    /** A data source and preprocessing, and the model that would consume it. */
    private record Case(String name, SampleSource source, Preprocessing preprocessing, int batch, int loaderBatches,
                        BackboneSpec model, int classes, int modelSteps) {}

    @Override
    public Outcome measure(BenchSettings settings) throws IOException {
        EngineThreads.use(settings.threads());
        List<String> notes = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        if (settings.quick()) {
            cases.add(new Case("synthetic 32x32 grey, flip -> smallnet", new SyntheticFaces(20, 10, 1, 32, 32, 42),
                    Preprocessing.insightface(1, 32, 32), 16, 4, BackboneSpec.defaults("smallnet"), 20, 1));
            notes.add("--quick: CIFAR-10 and 112x112 left out (tiny sizes only)");
        } else {
            Path cifar = SharedData.resolve("cifar10-jpeg.tar.gz").orElse(null);
            if (cifar != null) {
                long t = System.nanoTime();
                ImageArchiveSource train = ImageArchiveSource.open(cifar, "train/", ImageOptions.rgb());
                notes.add(String.format(Locale.ROOT, "read %s (train/, %d JPEGs) into memory in %.1f s (not timed)",
                        cifar.getFileName(), train.size(), (System.nanoTime() - t) / 1e9));
                Preprocessing augment = Preprocessing.insightface(3, 32, 32)
                        .withCrop(new Preprocessing.Crop(0.5, 1, 0.75, 1.33)).withJitter(new Preprocessing.Jitter(0.2, 0.2, 0.2));
                cases.add(new Case("cifar10 JPEG 32x32 RGB, crop+flip+jitter -> smallnet 3x32x32", train, augment, 128, 40,
                        BackboneSpec.defaults("smallnet").withInput(3, 32, 32), 10, 10));
            } else {
                notes.add(SharedData.missing("cifar10-jpeg.tar.gz") + ": CIFAR-10 case left out");
            }
            cases.add(new Case("synthetic 112x112 RGB, flip -> mobilefacenet", new SyntheticFaces(500, 20, 3, 112, 112, 42),
                    Preprocessing.insightface(3, 112, 112), 64, 12, BackboneSpec.defaults("mobilefacenet"), 10_000, 2));
        }
        List<Comparison> rows = new ArrayList<>();
        for (Case c : cases) {
            if (!settings.selects(c.name())) {
                continue;
            }
            rows.add(measure(settings, c));
        }
        notes.add("loader and model measured one after the other, each with all the benchmark's threads; in training they "
                + "share the cores, so the ratio is the headroom the loader has");
        return new Outcome(rows, Map.of("engine_threads", EngineThreads.describe()), notes);
    }

    private Comparison measure(BenchSettings settings, Case c) throws IOException {
        List<Double> loaderRates = new ArrayList<>();
        LoaderOptions options = LoaderOptions.training(c.batch(), settings.threads(), 7);
        try (BatchLoader loader = new BatchLoader(c.source(), Pipeline.training(c.preprocessing(), 3), options)) {
            load(loader, 0, Math.max(1, c.loaderBatches() / 4));   // warm-up: JIT, caches
            for (int r = 0; r < settings.repetitions(); r++) {
                long start = System.nanoTime();
                int images = load(loader, r + 1, c.loaderBatches());
                double rate = images / ((System.nanoTime() - start) / 1e9);
                loaderRates.add(rate);
                settings.log().printf(Locale.ROOT, "  loader %s rep %d: %.0f images/s%n", c.name(), r + 1, rate);
            }
        }
        List<Double> modelRates = new ArrayList<>();
        try (StepRig rig = new StepRig(c.model(), "arcface", Map.of(), c.batch(), c.classes(), 1)) {
            rig.step();
            for (int r = 0; r < settings.repetitions(); r++) {
                long start = System.nanoTime();
                for (int i = 0; i < c.modelSteps(); i++) {
                    rig.step();
                }
                double rate = (double) c.batch() * c.modelSteps() / ((System.nanoTime() - start) / 1e9);
                modelRates.add(rate);
                settings.log().printf(Locale.ROOT, "  model %s rep %d: %.0f images/s%n", c.model().name(), r + 1, rate);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loader", String.format(Locale.ROOT, "batch %d, %d threads, %d batches per rep", c.batch(),
                settings.threads(), c.loaderBatches()));
        details.put("model", String.format(Locale.ROOT, "%s %dx%dx%d, batch %d, arcface over %d classes, %d steps per rep",
                c.model().name(), c.model().channels(), c.model().height(), c.model().width(), c.batch(), c.classes(), c.modelSteps()));
        return Comparison.quotient(c.name(), Samples.of("images/s", loaderRates), "BatchLoader decode + augment",
                Samples.of("images/s", modelRates), "training step consumption", "loader images/s ÷ model images/s",
                TARGET, details);
    }

    private static int load(BatchLoader loader, int epoch, int batches) throws IOException {
        int done = 0;
        try (BatchLoader.Epoch e = loader.epoch(epoch)) {
            for (int b = 0; b < batches && e.hasNext(); b++) {
                Batch batch = e.nextBatch();
                done += batch.size();
            }
        }
        return done;
    }
}
