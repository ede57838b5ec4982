package dev.hypersphere.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.hypersphere.data.Batch;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.train.checkpoint.Checkpoints;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import dev.hypersphere.train.optim.ParameterGroup;
import dev.hypersphere.train.optim.Sgd;
import dev.hypersphere.train.schedule.LearningRateSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small but complete training set-up for the trainer's tests: an MLP with BatchNorm and an ArcFace head. */
final class TinyRun implements AutoCloseable {

    static final int CLASSES = 5;
    static final int INPUT = 8;
    static final int BATCH = 16;
    static final long TOTAL = 40;

    final NDManager manager;
    final Block backbone;
    final Head head;
    final Sgd optimizer;
    final Trainer trainer;
    final Path dir;
    private final TrainingStep step;

    TinyRun(Path dir, long planSteps, long seed) {
        this.dir = dir;
        HypersphereEngine.start();
        manager = HypersphereEngine.newManager();
        manager.getEngine().setRandomSeed((int) seed);
        backbone = new SequentialBlock()
                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(4).build());
        backbone.initialize(manager, DataType.FLOAT32, new Shape(BATCH, INPUT, 1, 1));
        head = Heads.create("arcface", CLASSES, 4, Map.of("s", "16"));
        head.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 4));
        List<ai.djl.nn.Parameter> backboneParams = new ArrayList<>(backbone.getParameters().values());
        List<ai.djl.nn.Parameter> headParams = new ArrayList<>(head.getParameters().values());
        List<ParameterGroup> groups = List.of(new ParameterGroup("backbone", backboneParams, 1.0, 5e-4),
                new ParameterGroup("head", headParams, 1.0, 5e-4));
        optimizer = new Sgd(manager, 0.9);
        step = new TrainingStep(manager, backbone, head, null, 0, optimizer, groups, 5.0);
        LearningRateSchedule schedule = new LearningRateSchedule(0.05, 5, TOTAL, LearningRateSchedule.Decay.POLY, List.of(), 0, 2);
        trainer = new Trainer(step, schedule, new Checkpoints(dir.resolve("checkpoints"), 2),
                Map.of("backbone", backbone, "head", head), optimizer, dir.resolve("log.jsonl"),
                new Trainer.Plan(planSteps, 1, 0, 10), null, null, new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** Endless, seeded batches of 5 Gaussian classes; batch (e, b) is the same whoever asks. */
    static BatchStream stream(TrainingPosition from) {
        return new BatchStream() {
            int epoch = from.epoch();
            int batch = from.batchInEpoch();

            @Override
            public Batch next() {
                Random random = new Random(1000L * epoch + batch);
                float[] data = new float[BATCH * INPUT];
                long[] labels = new long[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    int c = random.nextInt(CLASSES);
                    labels[i] = c;
                    for (int k = 0; k < INPUT; k++) {
                        data[i * INPUT + k] = (float) ((k % CLASSES == c ? 2 : 0) + random.nextGaussian());
                    }
                }
                if (++batch == 7) {   // 7 batches an epoch
                    batch = 0;
                    epoch++;
                }
                return new Batch(data, labels, new int[BATCH], INPUT, 1, 1);
            }

            @Override
            public int epoch() {
                return epoch;
            }

            @Override
            public int batchInEpoch() {
                return batch;
            }

            @Override
            public void close() {}
        };
    }

    TrainingStep step() {
        return step;
    }

    @Override
    public void close() throws IOException {
        manager.close();
    }
}
