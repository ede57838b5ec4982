package dev.hypersphere.train;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.train.checkpoint.Checkpoints;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.run.RunFolder;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A whole training run from its configuration: builds its parts ({@link PreparedRun}), trains (from the start, or
 * from a run folder's latest checkpoint), keeps the best model, and writes the run folder ({@link RunFolder}).
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

    /**
     * Starts a new run in {@code folder} (which must not hold a run yet). Everything the configuration names is
     * built and checked before the folder is made, and a start that still fails before its first step (a batch
     * that does not decode, a first step that cannot run) removes what it made: a failed start never blocks the
     * same folder.
     */
    public static Report start(TrainConfig config, Path folder, PrintStream console) throws IOException {
        RunFolder run = new RunFolder(folder);
        if (run.holdsRun()) {
            throw new IllegalArgumentException(folder + " already holds a run: use --resume " + folder + ", or another --out");
        }
        long started = System.nanoTime();
        try (PreparedRun prepared = PreparedRun.build(config, console)) {
            Path created = run.create();
            Checkpoints checkpoints = new Checkpoints(run.checkpoints(), config.train().keepCheckpoints());
            Map<String, Object> bestMetrics = new LinkedHashMap<>();
            Trainer trainer = trainer(prepared, run, checkpoints, bestMetrics, console);
            try {
                AtomicFiles.writeString(run.config(), ConfigLoader.toYaml(config));
                prepared.description().write(run.modelJson());
                Trainer.Outcome outcome = trainer.run(prepared.batches(), TrainingPosition.start(), Double.NaN, 0);
                return finish(prepared, run, outcome, bestMetrics, started);
            } catch (IOException | RuntimeException | Error e) {
                if (trainer.stepsRun() == 0) {   // not under way yet: leave nothing behind
                    try {
                        run.discard(created);
                    } catch (IOException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
        }
    }

    /** Continues the run in {@code folder} from its latest checkpoint, with the configuration it was started with. */
    public static Report resume(Path folder, PrintStream console) throws IOException {
        RunFolder run = new RunFolder(folder);
        if (!Files.isRegularFile(run.config())) {
            throw new IllegalArgumentException(folder + " holds no run to resume (no config.yaml)");
        }
        TrainConfig config = ConfigLoader.read(run.config());
        long started = System.nanoTime();
        try (PreparedRun prepared = PreparedRun.build(config, console)) {
            prepared.description().write(run.modelJson());
            Checkpoints checkpoints = new Checkpoints(run.checkpoints(), config.train().keepCheckpoints());
            TrainingPosition start = TrainingPosition.start();
            double best = Double.NaN;
            long skipped = 0;
            var latest = checkpoints.latest();
            if (latest.isPresent()) {
                Checkpoints.Restored restored = Checkpoints.load(latest.get(), prepared.blocks, prepared.optimizer,
                        prepared.manager);
                start = restored.position();
                best = restored.state().path("best_accuracy").asDouble(Double.NaN);
                skipped = restored.state().path("skipped_steps").asLong(0);
                console.printf(Locale.ROOT, "resuming %s at step %d (epoch %d)%n", run.root(), start.step(), start.epoch());
            } else {
                console.println("no checkpoint in " + run.checkpoints() + ": starting from step 0");
            }
            Map<String, Object> bestMetrics = new LinkedHashMap<>();
            Trainer trainer = trainer(prepared, run, checkpoints, bestMetrics, console);
            Trainer.Outcome outcome = trainer.run(prepared.batches(), start, best, skipped);
            return finish(prepared, run, outcome, bestMetrics, started);
        }
    }

    /** The loop over the prepared parts, writing into the run folder; the best validated weights go to best/. */
    private static Trainer trainer(PreparedRun prepared, RunFolder run, Checkpoints checkpoints,
                                   Map<String, Object> bestMetrics, PrintStream console) {
        return new Trainer(prepared.step, prepared.schedule, checkpoints, prepared.blocks, prepared.optimizer, run.log(),
                prepared.plan, prepared.validator, (atStep, metrics) -> {
                    saveWeights(run.bestModel(), prepared.blocks);
                    bestMetrics.clear();
                    bestMetrics.put("step", atStep);
                    bestMetrics.putAll(metrics);
                }, console);
    }

    /** Saves the final weights (of a run that was not interrupted) and writes report.json. */
    private static Report finish(PreparedRun prepared, RunFolder run, Trainer.Outcome outcome, Map<String, Object> bestMetrics,
                                 long started) throws IOException {
        if (!outcome.interrupted()) {
            saveWeights(run.finalModel(), prepared.blocks);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("accuracy", bestMetrics.isEmpty() ? outcome.bestAccuracy() : bestMetrics.get("accuracy"));
        report.put("accuracy_std", bestMetrics.get("accuracy_std"));
        report.put("validation", bestMetrics);
        report.put("steps", outcome.lastStep());
        report.put("finished", !outcome.interrupted());
        report.put("skipped_steps", outcome.skippedSteps());
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        report.put("train_samples", prepared.data.train().size());
        report.put("train_classes", prepared.classes);
        report.put("held_out_samples", prepared.data.heldOut().size());
        report.put("held_out_classes", prepared.data.heldOut().numClasses());
        report.put("backbone", prepared.spec.name());
        report.put("head", prepared.head.name());
        report.put("head_parameters", prepared.head.hyperParameters());
        AtomicFiles.writeString(run.report(), JSON.writeValueAsString(report));
        return new Report(report);
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
