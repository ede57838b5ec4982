package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.geometry.Sphere;
import dev.hypersphere.testing.Approx;
import dev.hypersphere.testing.Arrays64;
import dev.hypersphere.testing.FiniteDifferences;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autograd gradients of every loss against central finite differences in float64 (h = 1e-6, agreement 1e-6),
 * with respect to both inputs. The inputs are normalised inside the checked function, as a training step would.
 */
class LossGradientCheckTest {

    private static final int N = 6;
    private static final int D = 4;

    static Stream<Arguments> losses() {
        BiFunction<NDArray, NDArray, NDArray> center = (x, y) -> {
            CenterLoss loss = new CenterLoss(3, D);
            loss.initialize(x.getManager(), DataType.FLOAT64, x.getShape());
            Arrays64.fill(loss.centres().getArray(), new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
            return loss.loss(new ParameterStore(x.getManager(), false), x.add(y), x.getManager().create(new long[] {0, 1, 2, 0, 1, 2}));
        };
        return Stream.of(
                Arguments.of("align alpha=2", (BiFunction<NDArray, NDArray, NDArray>)
                        (x, y) -> AlignmentLoss.compute(Sphere.normalize(x), Sphere.normalize(y), 2)),
                Arguments.of("align alpha=1", (BiFunction<NDArray, NDArray, NDArray>)
                        (x, y) -> AlignmentLoss.compute(Sphere.normalize(x), Sphere.normalize(y), 1)),
                Arguments.of("align alpha=0.5", (BiFunction<NDArray, NDArray, NDArray>)
                        (x, y) -> AlignmentLoss.compute(Sphere.normalize(x), Sphere.normalize(y), 0.5)),
                Arguments.of("uniform t=2", (BiFunction<NDArray, NDArray, NDArray>)
                        (x, y) -> UniformityLoss.compute(Sphere.normalize(x.concat(y)), 2)),
                Arguments.of("infonce tau=0.2", (BiFunction<NDArray, NDArray, NDArray>)
                        (x, y) -> InfoNceLoss.compute(x, y, 0.2)),
                Arguments.of("center", center));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void autogradMatchesFiniteDifferences(String name, BiFunction<NDArray, NDArray, NDArray> loss) {
        Random random = new Random(11);
        double[] xv = new double[N * D];
        double[] yv = new double[N * D];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = random.nextGaussian();
            yv[i] = random.nextGaussian();
        }
        try (NDManager manager = HypersphereEngine.newManager()) {
            Shape shape = new Shape(N, D);
            NDArray x = Arrays64.create(manager, xv, shape, DataType.FLOAT64);
            NDArray y = Arrays64.create(manager, yv, shape, DataType.FLOAT64);
            x.setRequiresGradient(true);
            y.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(loss.apply(x, y));
            }
            double[] numericX = FiniteDifferences.gradient(xv, 1e-6, v -> evaluate(manager, loss, v, yv, shape));
            double[] numericY = FiniteDifferences.gradient(yv, 1e-6, v -> evaluate(manager, loss, xv, v, shape));
            Approx.assertClose(name + " d/dx", numericX, Arrays64.values(x.getGradient()), 1e-6);
            Approx.assertClose(name + " d/dy", numericY, Arrays64.values(y.getGradient()), 1e-6);
        }
    }

    private static double evaluate(NDManager manager, BiFunction<NDArray, NDArray, NDArray> loss,
                                   double[] xv, double[] yv, Shape shape) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = Arrays64.create(scope, xv, shape, DataType.FLOAT64);
            NDArray y = Arrays64.create(scope, yv, shape, DataType.FLOAT64);
            return Arrays64.values(loss.apply(x, y))[0];
        }
    }
}
