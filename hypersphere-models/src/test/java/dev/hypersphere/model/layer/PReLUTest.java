package dev.hypersphere.model.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.engine.Tensors;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Our PReLU against its definition worked in float64: y = x for x > 0, α_c·x otherwise; ∂y/∂x = 1 or α_c
 * (α_c at exactly 0, as PyTorch); ∂L/∂α_c = Σ over channel c's non-positive entries of ∂L/∂y · x. Autograd is
 * also checked against central finite differences.
 */
class PReLUTest {

    private static final Shape SHAPE = new Shape(2, 3, 4, 5);

    @Test
    void startsWithSlopeQuarterPerChannel() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            PReLU prelu = new PReLU(7);
            prelu.initialize(manager, DataType.FLOAT32, new Shape(2, 7));
            assertEquals(new Shape(7), prelu.slope().getArray().getShape());
            for (float a : prelu.slope().getArray().toFloatArray()) {
                assertEquals(0.25f, a);
            }
            assertTrue(prelu.slope().requiresGradient(), "the slope is learned");
        }
    }

    @Test
    void valuesAndGradientsMatchTheDefinition() {
        Random random = new Random(11);
        double[] x = new double[(int) SHAPE.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        x[0] = 0;
        x[7] = 0;
        x[30] = -0.0;
        double[] alpha = {0.25, -0.4, 1.7};
        double[] w = new double[x.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        int channels = (int) SHAPE.get(1);
        int plane = (int) (SHAPE.get(2) * SHAPE.get(3));

        double[] expectedY = new double[x.length];
        double[] expectedDx = new double[x.length];
        double[] expectedDalpha = new double[channels];
        for (int i = 0; i < x.length; i++) {
            int c = (i / plane) % channels;
            boolean positive = x[i] > 0;
            expectedY[i] = positive ? x[i] : alpha[c] * x[i];
            expectedDx[i] = w[i] * (positive ? 1 : alpha[c]);
            if (!positive) {
                expectedDalpha[c] += w[i] * x[i];
            }
        }

        try (NDManager manager = HypersphereEngine.newManager()) {
            PReLU prelu = new PReLU(channels);
            prelu.initialize(manager, DataType.FLOAT64, SHAPE);
            Tensors.overwrite(prelu.slope().getArray(), alpha);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray input = manager.create(x, SHAPE);
            input.setRequiresGradient(true);
            NDArray weights = manager.create(w, SHAPE);
            NDArray y;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                y = prelu.forward(store, new NDList(input), true).singletonOrThrow();
                collector.backward(y.mul(weights).sum());
            }
            assertArrayEquals(expectedY, y.toDoubleArray(), 0, "values");
            assertArrayEquals(expectedDx, input.getGradient().toDoubleArray(), 0, "∂L/∂x");
            assertArrayEquals(expectedDalpha, prelu.slope().getArray().getGradient().toDoubleArray(), 1e-14, "∂L/∂α");

            // Autograd against finite differences of L(x, α) = Σ w·prelu(x; α), away from the kink at 0.
            ToDoubleFunction<double[]> lossOfAlpha = a -> loss(manager, prelu, x, a, w);
            double[] numeric = centralDifferences(alpha.clone(), 1e-6, lossOfAlpha);
            assertArrayEquals(expectedDalpha, numeric, 1e-8, "∂L/∂α by finite differences");
            ToDoubleFunction<double[]> lossOfX = v -> loss(manager, prelu, v, alpha, w);
            double[] inputs = x.clone();
            double[] numericDx = centralDifferences(inputs, 1e-7, lossOfX);
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i]) > 1e-3) {
                    assertEquals(expectedDx[i], numericDx[i], 1e-7, "∂L/∂x[" + i + "] by finite differences");
                }
            }
        }
    }

    @Test
    void worksOnFeatureRows() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            PReLU prelu = new PReLU(2);
            prelu.initialize(manager, DataType.FLOAT32, new Shape(3, 2));
            NDArray y = prelu.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(new float[] {-4, 2, 1, -8, 0, 0}, new Shape(3, 2))), false).singletonOrThrow();
            assertArrayEquals(new float[] {-1, 2, 1, -2, 0, 0}, y.toFloatArray());
        }
    }

    @Test
    void rejectsTheWrongChannelCount() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            PReLU prelu = new PReLU(4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> prelu.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 8, 8)));
            assertEquals("PReLU(4) needs input with 4 channels on axis 1, got shape (2, 3, 8, 8)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new PReLU(0));
        }
    }

    private static double loss(NDManager manager, PReLU prelu, double[] x, double[] alpha, double[] w) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.create(alpha);
            NDArray y = PReLU.apply(scope.create(x, SHAPE), a);
            return y.mul(scope.create(w, SHAPE)).sum().getDouble();
        }
    }

    private static double[] centralDifferences(double[] values, double h, ToDoubleFunction<double[]> f) {
        double[] grad = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double original = values[i];
            values[i] = original + h;
            double up = f.applyAsDouble(values);
            values[i] = original - h;
            double down = f.applyAsDouble(values);
            values[i] = original;
            grad[i] = (up - down) / (2 * h);
        }
        return grad;
    }
}
