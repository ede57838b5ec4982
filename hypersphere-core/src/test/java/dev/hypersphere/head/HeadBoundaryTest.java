package dev.hypersphere.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.testing.Arrays64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Heads where the trigonometry is singular: θ = 0 and θ = π exactly (cos = ±1, where d acos/d cos is infinite),
 * just inside them, and cosines that round-off pushes past ±1. Values and gradients must stay finite, and the
 * target logits must equal the formulas worked here in float64.
 */
class HeadBoundaryTest {

    private static final int C = 4;
    private static final int D = 4;
    /** Rows: θ = 0 to class 0; θ = π to class 1; θ = 1e-4 to class 2; θ = π − 1e-4 to class 3; a 1.0000001-long e0. */
    private static final double TINY = 1e-4;
    private static final double[] X = {
        1, 0, 0, 0,
        0, -1, 0, 0,
        0, 0, Math.cos(TINY), Math.sin(TINY),
        0, Math.sin(TINY), 0, -Math.cos(TINY),
        1.0000001, 0, 0, 0};
    private static final long[] LABELS = {0, 1, 2, 3, 0};
    private static final double[] THETA = {0, Math.PI, TINY, Math.PI - TINY, 0};

    static Stream<Arguments> heads() {
        Stream<Arguments> defaults = Heads.NAMES.stream().map(name -> Arguments.of(name, Map.<String, String>of()));
        return Stream.concat(defaults, Stream.of(
                Arguments.of("arcface", Map.of("mode", "easy-margin")),
                Arguments.of("arcface", Map.of("mode", "detached")),
                Arguments.of("sphereface", Map.of("variant", "normalized"))))
                .flatMap(a -> Stream.of(DataType.FLOAT32, DataType.FLOAT64)
                        .map(t -> Arguments.of(a.get()[0], a.get()[1], t)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("heads")
    void finiteValuesAndGradientsAtTheSingularities(String name, Map<String, String> params, DataType type) {
        try (NDManager manager = HypersphereEngine.newManager()) {
            Head head = Heads.create(name, C, D, params);
            head.initialize(manager, type, new Shape(5, D));
            Arrays64.fill(head.weight().getArray(), identityCentres(head));
            NDArray x = Arrays64.create(manager, X, new Shape(5, D), type);
            x.setRequiresGradient(true);
            NDArray logits;
            NDArray loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                logits = head.logits(new ParameterStore(manager, false), x, manager.create(LABELS), true);
                loss = Head.crossEntropy(logits, manager.create(LABELS));
                collector.backward(loss);
            }
            assertAllFinite(name + " logits", Arrays64.values(logits));
            assertAllFinite(name + " loss", Arrays64.values(loss));
            assertAllFinite(name + " dL/dx", Arrays64.values(x.getGradient()));
            assertAllFinite(name + " dL/dW", Arrays64.values(head.weight().getArray().getGradient()));
        }
    }

    @Test
    void arcFaceTargetsAtTheSingularitiesFollowEachModesFormula() {
        double s = 64;
        double m = 0.5;
        double[] classic = targets("arcface", Map.of());
        double[] easy = targets("arcface", Map.of("mode", "easy-margin"));
        double[] detached = targets("arcface", Map.of("mode", "detached"));
        for (int i = 0; i < 4; i++) {
            double cos = Math.cos(THETA[i]);
            boolean fallback = cos <= Math.cos(Math.PI - m);
            double expectedClassic = fallback ? s * (cos - m * Math.sin(Math.PI - m)) : s * Math.cos(THETA[i] + m);
            assertEquals(expectedClassic, classic[i], 1e-9, "classic target, row " + i);
            assertEquals(cos > 0 ? s * Math.cos(THETA[i] + m) : s * cos, easy[i], 1e-9, "easy-margin target, row " + i);
            assertEquals(s * Math.cos(THETA[i] + m), detached[i], 1e-9, "detached target, row " + i);
        }
        // The fallback branch is really taken at θ = π: cos θ − m·sin(π − m) = −1.2397…, not cos(π + m) = −0.8776…
        assertEquals(s * (-1 - m * Math.sin(m)), classic[1], 1e-9);
        assertNotEquals(classic[1], detached[1], 1.0);
    }

    @Test
    void sphereFaceTargetAtThetaPiIsMinusTwoMMinusOneBlendedWithLambda() {
        // ψ(π) = −(2m − 1) = −7 for m = 4; at iteration 1, λ = 1000/1.12 and the target is (λ·cos π + ψ)/(1 + λ).
        double lambda = 1000 / 1.12;
        double[] t = targets("sphereface", Map.of());
        assertEquals((lambda * -1 + -7) / (1 + lambda), t[1], 1e-9);
        assertEquals(1.0, t[0], 1e-12);   // ψ(0) = cos 0 = 1, and ‖x‖ = 1
        double[] normalized = targets("sphereface", Map.of("variant", "normalized"));
        assertEquals(30 * -7, normalized[1], 1e-9);
        assertEquals(30 * Math.cos(4 * TINY), normalized[2], 1e-9);
    }

    private static double[] targets(String name, Map<String, String> params) {
        try (NDManager manager = HypersphereEngine.newManager()) {
            Head head = Heads.create(name, C, D, params);
            head.initialize(manager, DataType.FLOAT64, new Shape(5, D));
            Arrays64.fill(head.weight().getArray(), identityCentres(head));
            NDArray x = Arrays64.create(manager, X, new Shape(5, D), DataType.FLOAT64);
            double[] logits = Arrays64.values(head.logits(new ParameterStore(manager, false), x, manager.create(LABELS), true));
            double[] out = new double[LABELS.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = logits[i * C + (int) LABELS[i]];
            }
            return out;
        }
    }

    /** Class c's centre (every sub-centre of it) is the unit vector e_c. */
    private static double[] identityCentres(Head head) {
        int rows = (int) head.weight().getArray().getShape().get(0);
        int k = rows / C;
        double[] w = new double[rows * D];
        for (int r = 0; r < rows; r++) {
            w[r * D + r / k] = 1;
        }
        return w;
    }

    private static void assertAllFinite(String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(Double.isFinite(values[i]), what + "[" + i + "] = " + values[i]);
        }
    }
}
