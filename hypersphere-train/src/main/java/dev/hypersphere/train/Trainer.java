package dev.hypersphere.train;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypersphere.data.Batch;
import dev.hypersphere.train.checkpoint.Checkpoints;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import dev.hypersphere.train.optim.Optimizer;
import dev.hypersphere.train.schedule.LearningRateSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The training loop: runs {@link TrainingStep}s from a {@link BatchStream}, logs scalars, validates, keeps the best
 * model and writes checkpoints, from any position to the plan's last step.
 *
 * <p>Stopping: a NaN or infinite loss ends the run with {@link TrainingDivergedException} (the last checkpoint is
 * left as it was); Ctrl-C (SIGINT/SIGTERM) lets the current step finish, writes a checkpoint and returns; a
 * {@code kill -9} loses only the steps since the last checkpoint. A resumed run repeats exactly what the
 * uninterrupted run would have done (same batches, same learning rates, same optimiser state).
 */
public final class Trainer {

    /** How long and how often. */
    public record Plan(long totalSteps, int logEvery, int validateEvery, int checkpointEvery) {
        public Plan {
            if (totalSteps < 1 || logEvery < 1 || validateEvery < 0 || checkpointEvery < 0) {
                throw new IllegalArgumentException("train.steps and train.log-every must be >= 1, validate-every and "
                        + "checkpoint-every >= 0 (0 = only at the end)");
            }
        }
    }

    /** Validation on held-out data: returns named metrics, {@code accuracy} among them. */
    @FunctionalInterface
    public interface Validator {
        Map<String, Object> validate() throws IOException;
    }

    /** Called with the validation metrics each time the accuracy improves: save the model. */
    @FunctionalInterface
    public interface BestModelKeeper {
        void keep(long step, Map<String, Object> metrics) throws IOException;
    }

    /** How a run ended. */
    public record Outcome(long lastStep, boolean interrupted, double bestAccuracy, long skippedSteps) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingStep step;
    private final LearningRateSchedule schedule;
    private final Checkpoints checkpoints;
    private final Map<String, Block> blocks;
    private final Optimizer optimizer;
    private final Path logFile;
    private final Plan plan;
    private final Validator validator;
    private final BestModelKeeper bestKeeper;
    private final PrintStream console;
    private volatile boolean stopRequested;
    private volatile long stepsRun;

    public Trainer(TrainingStep step, LearningRateSchedule schedule, Checkpoints checkpoints, Map<String, Block> blocks,
                   Optimizer optimizer, Path logFile, Plan plan, Validator validator, BestModelKeeper bestKeeper,
                   PrintStream console) {
        this.step = step;
        this.schedule = schedule;
        this.checkpoints = checkpoints;
        this.blocks = Map.copyOf(blocks);
        this.optimizer = optimizer;
        this.logFile = logFile;
        this.plan = plan;
        this.validator = validator;
        this.bestKeeper = bestKeeper;
        this.console = console;
    }

    /** Steps this trainer has completed (0 while a run is still starting: data opening, the first batch and step). */
    public long stepsRun() {
        return stepsRun;
    }

    /** Asks the loop to stop after the current step, with a checkpoint. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains from {@code start} to the plan's last step.
     *
     * @param openData opens the batch stream at a data position (epoch, batch in epoch)
     * @param bestSoFar the best validation accuracy before {@code start} (from the checkpoint), or NaN
     */
    public Outcome run(Function<TrainingPosition, BatchStream> openData, TrainingPosition start, double bestSoFar)
            throws IOException {
        return run(openData, start, bestSoFar, 0);
    }

    /** As {@link #run(Function, TrainingPosition, double)}, continuing the count of skipped (non-finite) steps. */
    public Outcome run(Function<TrainingPosition, BatchStream> openData, TrainingPosition start, double bestSoFar,
                       long skippedSoFar) throws IOException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                finished.await(60, TimeUnit.SECONDS);   // let the loop write its checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hypersphere-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return loop(openData, start, bestSoFar, skippedSoFar);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and has been released.
            }
        }
    }

    private Outcome loop(Function<TrainingPosition, BatchStream> openData, TrainingPosition start, double bestSoFar,
                         long skippedSoFar) throws IOException {
        double best = bestSoFar;
        long skipped = skippedSoFar;
        long current = start.step();
        try (BatchStream data = openData.apply(start);
             ScalarLog log = ScalarLog.open(logFile, start.step());
             Progress progress = new Progress("train", start.step(), plan.totalSteps(), console)) {
            long windowStart = System.nanoTime();
            long windowImages = 0;
            while (current < plan.totalSteps() && !stopRequested) {
                Batch batch = data.next();
                double lr = schedule.at(current);
                TrainingStep.Result result = step.run(batch, lr);
                if (!Double.isFinite(result.loss())) {
                    throw new TrainingDivergedException(String.format(Locale.ROOT,
                            "the loss became %s at step %d; the last good checkpoint is kept — resume from it with a lower "
                                    + "learning rate or gradient clipping", result.loss(), current + 1));
                }
                if (!result.applied()) {
                    skipped++;
                }
                current++;
                stepsRun++;
                windowImages += batch.size();
                if (current % plan.logEvery() == 0 || current == plan.totalSteps()) {
                    double seconds = (System.nanoTime() - windowStart) / 1e9;
                    double imagesPerSecond = windowImages / Math.max(seconds, 1e-9);
                    windowStart = System.nanoTime();
                    windowImages = 0;
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("step", current);
                    entry.put("epoch", data.epoch());
                    entry.put("loss", result.loss());
                    entry.put("accuracy", result.accuracy());
                    entry.put("lr", lr);
                    entry.put("grad_norm", result.gradientNorm());
                    entry.put("images_per_second", imagesPerSecond);
                    entry.put("skipped_steps", skipped);
                    // Resident memory at each log line: a long run's curve shows whether it stays flat.
                    dev.hypersphere.io.ResidentMemory.mebibytes().ifPresent(mb -> entry.put("rss_mb", Math.round(mb * 10) / 10.0));
                    log.write(entry);
                    progress.update(current, String.format(Locale.ROOT, "loss %.4f acc %.3f lr %.2g, %s",
                            result.loss(), result.accuracy(), lr, RateText.format(imagesPerSecond, "image")));
                }
                boolean last = current == plan.totalSteps();
                if (validator != null && (last || plan.validateEvery() > 0 && current % plan.validateEvery() == 0)) {
                    Map<String, Object> metrics = validator.validate();
                    double accuracy = ((Number) metrics.get("accuracy")).doubleValue();
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("step", current);
                    entry.put("validation", metrics);
                    log.write(entry);
                    if (Double.isNaN(best) || accuracy > best) {
                        best = accuracy;
                        if (bestKeeper != null) {
                            bestKeeper.keep(current, metrics);
                        }
                    }
                }
                if (last || stopRequested || plan.checkpointEvery() > 0 && current % plan.checkpointEvery() == 0) {
                    save(new TrainingPosition(current, data.epoch(), data.batchInEpoch()), best, skipped);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Outcome(current, stopRequested && current < plan.totalSteps(), best, skipped);
    }

    private void save(TrainingPosition position, double best, long skipped) throws IOException {
        ObjectNode extra = JSON.createObjectNode();
        if (!Double.isNaN(best)) {
            extra.put("best_accuracy", best);
        }
        extra.put("skipped_steps", skipped);
        checkpoints.save(position, blocks, optimizer, extra);
    }
}
