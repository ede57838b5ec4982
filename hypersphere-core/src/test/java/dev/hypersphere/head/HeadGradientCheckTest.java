package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.testing.Approx;
import dev.hypersphere.testing.Arrays64;
import dev.hypersphere.testing.FiniteDifferences;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autograd gradients of every head's loss, with respect to the embeddings and to W, against central finite
 * differences in float64 (h = 1e-6; agreement to 1e-6 scaled by max(1, |g|)).
 *
 * <p>ArcFace's {@code detached} mode is left out on purpose: its gradient is by design not the derivative of
 * its forward value (the margin is not differentiated); HeadReferenceTest checks it against insightface's code.
 * The forward runs with {@code training = false} so that SphereFace's λ stays put between evaluations.
 */
class HeadGradientCheckTest {

    private static final int N = 6;
    private static final int D = 5;
    private static final int C = 4;

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of("softmax", Map.of()),
                Arguments.of("normface", Map.of("s", "16")),
                Arguments.of("sphereface", Map.of("m", "4")),
                Arguments.of("sphereface", Map.of("m", "3", "lambda-base", "0", "lambda-min", "0")),
                Arguments.of("sphereface", Map.of("m", "2", "variant", "normalized", "s", "8")),
                Arguments.of("cosface", Map.of("s", "16")),
                Arguments.of("arcface", Map.of("s", "16")),
                Arguments.of("arcface", Map.of("s", "16", "mode", "easy-margin")),
                Arguments.of("combined", Map.of("s", "16", "m1", "1.3", "m2", "0.2", "m3", "0.1")),
                Arguments.of("subcenter-arcface", Map.of("s", "16", "k", "2")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("heads")
    void autogradMatchesFiniteDifferences(String name, Map<String, String> params) {
        Random random = new Random(7);
        try (NDManager manager = HypersphereEngine.newManager()) {
            Head head = Heads.create(name, C, D, params);
            head.initialize(manager, DataType.FLOAT64, new Shape(N, D));
            NDArray w = head.weight().getArray();
            double[] wValues = gaussian(random, (int) w.size(), 1.0);
            Arrays64.fill(w, wValues);
            double[] xValues = gaussian(random, N * D, 2.0);
            NDArray labels = manager.create(new long[] {0, 1, 2, 3, 1, 2});
            ParameterStore store = new ParameterStore(manager, false);

            NDArray x = Arrays64.create(manager, xValues, new Shape(N, D), DataType.FLOAT64);
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(head.loss(store, x, labels, false));
            }
            double[] gradX = Arrays64.values(x.getGradient());
            double[] gradW = Arrays64.values(w.getGradient());

            double[] numericX = FiniteDifferences.gradient(xValues, 1e-6, v -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray probe = Arrays64.create(scope, v, new Shape(N, D), DataType.FLOAT64);
                    return Arrays64.values(head.loss(store, probe, labels, false))[0];
                }
            });
            double[] numericW = FiniteDifferences.gradient(wValues, 1e-6, v -> {
                Arrays64.fill(w, v);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray probe = Arrays64.create(scope, xValues, new Shape(N, D), DataType.FLOAT64);
                    return Arrays64.values(head.loss(store, probe, labels, false))[0];
                }
            });
            Approx.assertClose(name + " dL/dx", numericX, gradX, 1e-6);
            Approx.assertClose(name + " dL/dW", numericW, gradW, 1e-6);
        }
    }

    static double[] gaussian(Random random, int n, double sigma) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian() * sigma;
        }
        return values;
    }
}
