package dev.hypersphere.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.model.layer.Layers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A few SGD steps of LeNet++ with a plain softmax cross-entropy head on random, class-dependent 28×28 images:
 * the loss falls, and the frozen embedding scale is still exactly 1 afterwards.
 */
class LeNetTrainingTest {

    private static final int CLASSES = 4;
    private static final int BATCH = 16;
    private static final int STEPS = 12;

    @Test
    void sgdReducesTheLoss() {
        Random random = new Random(7);
        float[][] prototypes = new float[CLASSES][28 * 28];
        for (float[] p : prototypes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) random.nextGaussian();
            }
        }
        try (NDManager manager = HypersphereEngine.newManager()) {
            manager.getEngine().setRandomSeed(7);
            Backbone lenet = Backbones.create("lenet++");
            lenet.initialize(manager, DataType.FLOAT32);
            Head head = Heads.create("softmax", CLASSES, 2);
            head.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 2));
            List<Parameter> trainable = new ArrayList<>(lenet.trainableParameters());
            head.getParameters().forEach(p -> trainable.add(p.getValue()));
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.2f)).optMomentum(0.9f).build();
            ParameterStore store = new ParameterStore(manager, false);

            double[] losses = new double[STEPS];
            for (int step = 0; step < STEPS; step++) {
                float[] images = new float[BATCH * 28 * 28];
                long[] labels = new long[BATCH];
                for (int n = 0; n < BATCH; n++) {
                    int c = random.nextInt(CLASSES);
                    labels[n] = c;
                    for (int i = 0; i < 28 * 28; i++) {
                        images[n * 28 * 28 + i] = prototypes[c][i] + 0.7f * (float) random.nextGaussian();
                    }
                }
                try (NDManager scope = manager.newSubManager()) {
                    for (Parameter p : trainable) {
                        p.getArray().tempAttach(scope);
                    }
                    NDArray x = scope.create(images, lenet.inputShape(BATCH));
                    NDArray y = scope.create(labels);
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray embeddings = lenet.forward(store, new NDList(x), true).singletonOrThrow();
                        NDArray loss = head.loss(store, embeddings, y, true);
                        collector.backward(loss);
                        losses[step] = loss.getFloat();
                    }
                    for (Parameter p : trainable) {
                        NDArray grad = p.getArray().getGradient();
                        sgd.update(p.getId(), p.getArray(), grad);
                        grad.subi(grad);
                    }
                }
            }
            double first = (losses[0] + losses[1] + losses[2]) / 3;
            double last = (losses[STEPS - 1] + losses[STEPS - 2] + losses[STEPS - 3]) / 3;
            System.out.printf("lenet++ SGD: softmax loss %.3f -> %.3f in %d steps%n", first, last, STEPS);
            assertTrue(last < 0.7 * first, "loss fell only from " + first + " to " + last);
            for (float v : Layers.scaleOf(lenet.embeddingNorm()).getArray().toFloatArray()) {
                assertEquals(1f, v, "the frozen embedding scale moved");
            }
        }
    }
}
