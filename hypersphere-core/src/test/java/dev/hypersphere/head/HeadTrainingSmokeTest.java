package dev.hypersphere.head;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.geometry.Sphere;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 200 training steps of a small MLP with each head on generated, overlapping classes: the loss must fall and
 * held-out embeddings of one class must end up closer in angle than they started.
 */
class HeadTrainingSmokeTest {

    private static final int CLASSES = 6;
    private static final int INPUT = 12;
    private static final int EMBEDDING = 8;
    private static final int BATCH = 48;
    private static final int STEPS = 200;

    static Stream<String> heads() {
        return Heads.NAMES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void lossFallsAndClassesTighten(String name) {
        Random random = new Random(3);
        float[][] prototypes = new float[CLASSES][INPUT];
        for (float[] p : prototypes) {
            for (int i = 0; i < INPUT; i++) {
                p[i] = (float) random.nextGaussian();
            }
        }
        try (NDManager manager = HypersphereEngine.newManager()) {
            manager.getEngine().setRandomSeed(11);   // the initial weights too, not only the data
            Block net = new SequentialBlock()
                    .add(Linear.builder().setUnits(32).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(EMBEDDING).build());
            net.initialize(manager, DataType.FLOAT32, new Shape(BATCH, INPUT));
            Head head = Heads.create(name, CLASSES, EMBEDDING);
            head.initialize(manager, DataType.FLOAT32, new Shape(BATCH, EMBEDDING));
            List<Parameter> parameters = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                parameters.add(p.getValue());
            }
            for (Pair<String, Parameter> p : head.getParameters()) {
                parameters.add(p.getValue());
            }
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
            ParameterStore store = new ParameterStore(manager, false);

            Batch heldOut = batch(random, prototypes, 240);
            double angleBefore = meanIntraClassAngle(manager, net, store, heldOut);
            double[] losses = new double[STEPS];
            for (int step = 0; step < STEPS; step++) {
                Batch b = batch(random, prototypes, BATCH);
                try (NDManager scope = manager.newSubManager()) {
                    // Results of ops whose first operand is a parameter join the parameter's manager: lend the
                    // parameters to this step's scope so that those results are freed with it.
                    for (Parameter p : parameters) {
                        p.getArray().tempAttach(scope);
                    }
                    NDArray x = scope.create(b.inputs, new Shape(b.labels.length, INPUT));
                    NDArray y = scope.create(b.labels);
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray embeddings = net.forward(store, new NDList(x), true).singletonOrThrow();
                        NDArray loss = head.loss(store, embeddings, y, true);
                        collector.backward(loss);
                        losses[step] = loss.getFloat();
                    }
                    for (Parameter p : parameters) {
                        NDArray grad = p.getArray().getGradient();
                        adam.update(p.getId(), p.getArray(), grad);
                        grad.subi(grad);
                    }
                }
            }
            double angleAfter = meanIntraClassAngle(manager, net, store, heldOut);
            double first = mean(losses, 0, 10);
            double last = mean(losses, STEPS - 10, STEPS);
            System.out.printf("smoke %-18s loss %.3f -> %.3f, held-out intra-class angle %.1f° -> %.1f°%n",
                    name, first, last, angleBefore, angleAfter);
            assertTrue(last < 0.7 * first, name + ": loss fell only from " + first + " to " + last);
            assertTrue(angleAfter < angleBefore, name + ": intra-class angle " + angleBefore + "° -> " + angleAfter + "°");
        }
    }

    private record Batch(float[] inputs, long[] labels) {}

    private static Batch batch(Random random, float[][] prototypes, int n) {
        float[] inputs = new float[n * INPUT];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(CLASSES);
            labels[i] = c;
            for (int k = 0; k < INPUT; k++) {
                inputs[i * INPUT + k] = prototypes[c][k] + (float) (0.8 * random.nextGaussian());
            }
        }
        return new Batch(inputs, labels);
    }

    /** Mean angle in degrees between held-out embeddings of the same class. */
    private static double meanIntraClassAngle(NDManager manager, Block net, ParameterStore store, Batch b) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(b.inputs, new Shape(b.labels.length, INPUT));
            NDArray e = net.forward(store, new NDList(x), false).singletonOrThrow();
            float[] cos = Sphere.cosineMatrix(e, e).toFloatArray();
            int n = b.labels.length;
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (b.labels[i] == b.labels[j]) {
                        sum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos[i * n + j]))));
                        count++;
                    }
                }
            }
            return sum / count;
        }
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
