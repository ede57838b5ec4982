package dev.hypersphere.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.loader.BatchLoader;
import dev.hypersphere.data.loader.LoaderOptions;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.loss.CenterLoss;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.Backbones;
import dev.hypersphere.train.checkpoint.Checkpoints;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.optim.AdamW;
import dev.hypersphere.train.optim.Optimizer;
import dev.hypersphere.train.optim.ParameterGroup;
import dev.hypersphere.train.optim.Sgd;
import dev.hypersphere.train.run.ModelDescription;
import dev.hypersphere.train.run.RunFolder;
import dev.hypersphere.train.schedule.LearningRateSchedule;
import dev.hypersphere.train.setup.DataSetup;
import dev.hypersphere.train.validate.ClassificationValidator;
import dev.hypersphere.train.validate.VerificationValidator;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole training run from its configuration: opens the data, builds backbone, head, optimiser and schedule,
 * trains (from the start, or from a run folder's latest checkpoint), keeps the best model, and writes the run
 * folder ({@link RunFolder}).
 */
public final class Training {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a finished (or interrupted) run reports; also written as the run's report.json. */
    public record Report(Map<String, Object> values) {
        public double accuracy() {
            Object a = values.get("accuracy");
            return a instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    private Training() {}

    /** Starts a new run in {@code folder} (which must not hold a run yet). */
    public static Report start(TrainConfig config, Path folder, PrintStream console) throws IOException {
        RunFolder run = new RunFolder(folder);
        if (Files.exists(run.config()) || Files.exists(run.checkpoints())) {
            throw new IllegalArgumentException(folder + " already holds a run: use --resume " + folder + ", or another --out");
        }
        Files.createDirectories(folder);
        AtomicFiles.writeString(run.config(), ConfigLoader.toYaml(config));
        return execute(config, run, false, console);
    }

    /** Continues the run in {@code folder} from its latest checkpoint, with the configuration it was started with. */
    public static Report resume(Path folder, PrintStream console) throws IOException {
        RunFolder run = new RunFolder(folder);
        if (!Files.isRegularFile(run.config())) {
            throw new IllegalArgumentException(folder + " holds no run to resume (no config.yaml)");
        }
        return execute(ConfigLoader.read(run.config()), run, true, console);
    }

    private static Report execute(TrainConfig config, RunFolder run, boolean resume, PrintStream console) throws IOException {
        HypersphereEngine.start(config.train().threads());
        long started = System.nanoTime();
        try (DataSetup data = DataSetup.open(config.data());
             NDManager manager = HypersphereEngine.newManager()) {
            manager.getEngine().setRandomSeed((int) config.train().seed());
            BackboneSpec spec = new BackboneSpec(config.model().backbone(), config.model().embeddingDim(),
                    config.data().channels(), config.data().height(), config.data().width());
            Backbone backbone = Backbones.create(spec);
            backbone.initialize(manager, DataType.FLOAT32);
            int classes = data.train().numClasses();
            Head head = Heads.create(config.head().name(), classes, spec.embeddingDim(), config.head().params());
            head.initialize(manager, DataType.FLOAT32, new Shape(config.train().batchSize(), spec.embeddingDim()));
            CenterLoss center = null;
            if (config.centerLoss().weight() > 0) {
                center = new CenterLoss(classes, spec.embeddingDim(), config.centerLoss().alpha());
                center.initialize(manager, DataType.FLOAT32, new Shape(config.train().batchSize(), spec.embeddingDim()));
            }
            new ModelDescription(spec, head.name(), config.head().params(), classes, data.preprocessing().evaluation(),
                    data.train().classNames()).write(run.modelJson());

            List<Parameter> headParameters = new ArrayList<>(head.getParameters().values());
            List<ParameterGroup> groups = List.of(
                    new ParameterGroup("backbone", backbone.trainableParameters(), 1.0, config.optimizer().weightDecay()),
                    new ParameterGroup("head", headParameters, config.optimizer().headLrMultiplier(),
                            config.optimizer().headWeightDecay()));
            Optimizer optimizer = optimizer(config.optimizer(), manager);
            TrainingStep step = new TrainingStep(manager, backbone, head, center, config.centerLoss().weight(), optimizer,
                    groups, config.optimizer().clipGradNorm());
            TrainConfig.Schedule s = config.schedule();
            LearningRateSchedule schedule = new LearningRateSchedule(config.optimizer().lr(), s.warmupSteps(),
                    config.train().steps(), LearningRateSchedule.Decay.parse(s.decay()), s.milestones(), s.gamma(), s.power());

            Map<String, Block> blocks = new LinkedHashMap<>();
            blocks.put("backbone", backbone);
            blocks.put("head", head);
            if (center != null) {
                blocks.put("center", center);
            }
            Checkpoints checkpoints = new Checkpoints(run.checkpoints(), config.train().keepCheckpoints());
            TrainingPosition start = TrainingPosition.start();
            double best = Double.NaN;
            long skipped = 0;
            if (resume) {
                var latest = checkpoints.latest();
                if (latest.isPresent()) {
                    Checkpoints.Restored restored = Checkpoints.load(latest.get(), blocks, optimizer, manager);
                    start = restored.position();
                    best = restored.state().path("best_accuracy").asDouble(Double.NaN);
                    skipped = restored.state().path("skipped_steps").asLong(0);
                    console.printf(Locale.ROOT, "resuming %s at step %d (epoch %d)%n", run.root(), start.step(), start.epoch());
                } else {
                    console.println("no checkpoint in " + run.checkpoints() + ": starting from step 0");
                }
            }

            int threads = config.data().loaderThreads();
            Embedder embedder = new Embedder(backbone, spec.embeddingDim(), data.preprocessing(), manager);
            Trainer.Validator validator = switch (config.validation().mode().toLowerCase(Locale.ROOT)) {
                case "verification" -> new VerificationValidator(embedder, data.heldOut(), config.validation().pairs(),
                        config.validation().folds(), config.train().seed(), 256, threads);
                case "classification" -> new ClassificationValidator(embedder, head, data.heldOut(), manager, 256, threads);
                default -> throw new IllegalArgumentException("validation.mode must be verification or classification; got '"
                        + config.validation().mode() + "'");
            };
            Map<String, Object> bestMetrics = new LinkedHashMap<>();
            Trainer trainer = new Trainer(step, schedule, checkpoints, blocks, optimizer, run.log(),
                    new Trainer.Plan(config.train().steps(), config.train().logEvery(), config.train().validateEvery(),
                            config.train().checkpointEvery()),
                    validator, (atStep, metrics) -> {
                        saveWeights(run.bestModel(), blocks);
                        bestMetrics.clear();
                        bestMetrics.put("step", atStep);
                        bestMetrics.putAll(metrics);
                    }, console);
            LoaderOptions loaderOptions = LoaderOptions.training(config.train().batchSize(), threads, config.train().seed());
            Pipeline pipeline = Pipeline.training(data.preprocessing(), config.train().seed());
            Trainer.Outcome outcome = trainer.run(position -> new LoaderBatchStream(
                    new BatchLoader(data.train(), pipeline, loaderOptions), position.epoch(), position.batchInEpoch()),
                    start, best, skipped);
            if (!outcome.interrupted()) {
                saveWeights(run.finalModel(), blocks);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("accuracy", bestMetrics.isEmpty() ? outcome.bestAccuracy() : bestMetrics.get("accuracy"));
            report.put("accuracy_std", bestMetrics.get("accuracy_std"));
            report.put("validation", bestMetrics);
            report.put("steps", outcome.lastStep());
            report.put("finished", !outcome.interrupted());
            report.put("skipped_steps", outcome.skippedSteps());
            report.put("seconds", (System.nanoTime() - started) / 1e9);
            report.put("train_samples", data.train().size());
            report.put("train_classes", classes);
            report.put("held_out_samples", data.heldOut().size());
            report.put("held_out_classes", data.heldOut().numClasses());
            report.put("backbone", spec.name());
            report.put("head", head.name());
            report.put("head_parameters", head.hyperParameters());
            AtomicFiles.writeString(run.report(), JSON.writeValueAsString(report));
            return new Report(report);
        }
    }

    private static Optimizer optimizer(TrainConfig.Optimizer o, NDManager manager) {
        return switch (o.name().toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(manager, o.momentum());
            case "adamw" -> new AdamW(manager);
            default -> throw new IllegalArgumentException("optimizer.name must be sgd or adamw; got '" + o.name() + "'");
        };
    }

    /** Writes the blocks' parameters into {@code folder} atomically (a temporary folder renamed into place). */
    static void saveWeights(Path folder, Map<String, Block> blocks) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Path temp = Files.createTempDirectory(parent, "." + folder.getFileName() + "-");
        try {
            for (Map.Entry<String, Block> block : blocks.entrySet()) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp.resolve(block.getKey() + ".params")));
                     DataOutputStream data = new DataOutputStream(out)) {
                    block.getValue().saveParameters(data);
                }
            }
            Path old = parent.resolve("." + folder.getFileName() + "-old");
            deleteTree(old);
            if (Files.exists(folder)) {
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } finally {
            deleteTree(temp);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
