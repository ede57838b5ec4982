package dev.hypersphere.bench.step;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.hypersphere.data.Batch;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.Backbones;
import dev.hypersphere.train.TrainingStep;
import dev.hypersphere.train.optim.ParameterGroup;
import dev.hypersphere.train.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A training set-up as {@code hypersphere train} builds it (backbone, head, SGD with momentum 0.9 and weight decay
 * 5e-4 on both groups, clipping at 5, the project's {@link TrainingStep}), fed one fixed random batch, for timing.
 */
public final class StepRig implements AutoCloseable {

    public static final double LEARNING_RATE = 0.1;
    public static final double MOMENTUM = 0.9;
    public static final double WEIGHT_DECAY = 5e-4;
    public static final double CLIP_NORM = 5.0;

    private final NDManager manager;
    private final Backbone backbone;
    private final Head head;
    private final Sgd optimizer;
    private final List<ParameterGroup> groups;
    private final TrainingStep step;
    private final PhasedStep phased;
    private final Batch batch;

    public StepRig(BackboneSpec spec, String headName, Map<String, String> headParams, int batchSize, int classes, long seed) {
        Engine engine = HypersphereEngine.start();
        manager = HypersphereEngine.newManager();
        engine.setRandomSeed((int) seed);
        backbone = Backbones.create(spec);
        backbone.initialize(manager, DataType.FLOAT32);
        head = Heads.create(headName, classes, spec.embeddingDim(), headParams);
        head.initialize(manager, DataType.FLOAT32, new Shape(batchSize, spec.embeddingDim()));
        List<Parameter> headParameters = new ArrayList<>(head.getParameters().values());
        groups = List.of(new ParameterGroup("backbone", backbone.trainableParameters(), 1.0, WEIGHT_DECAY),
                new ParameterGroup("head", headParameters, 1.0, WEIGHT_DECAY));
        optimizer = new Sgd(manager, MOMENTUM);
        step = new TrainingStep(manager, backbone, head, null, 0, optimizer, groups, CLIP_NORM);
        phased = new PhasedStep(manager, backbone, head, optimizer, groups, CLIP_NORM);
        Random random = new Random(seed);
        float[] data = new float[batchSize * spec.channels() * spec.height() * spec.width()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        long[] labels = new long[batchSize];
        int[] indices = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(classes);
            indices[i] = i;
        }
        batch = new Batch(data, labels, indices, spec.channels(), spec.height(), spec.width());
    }

    /** One step of the project's {@link TrainingStep}; returns its result. */
    public TrainingStep.Result step() {
        return step.run(batch, LEARNING_RATE);
    }

    /** One step with the same operations as {@link #step}, timed phase by phase (seconds per phase, in order). */
    public Map<String, Double> phasedStep() {
        return phased.run(batch, LEARNING_RATE);
    }

    /** Arrays held by the rig's root manager (parameters, optimiser state): constant if steps leave nothing behind. */
    public int liveArrays() {
        return manager.getManagedArrays().size();
    }

    public Backbone backbone() {
        return backbone;
    }

    public Head head() {
        return head;
    }

    @Override
    public void close() {
        manager.close();
    }
}
