package dev.hypersphere.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.testing.Arrays64;
import org.junit.jupiter.api.Test;

class SphereTest {

    @Test
    void angleIsExactAtPlusMinusOneAndBeyondWithFiniteGradient() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray cos = manager.create(new double[] {1.0, -1.0, 1.0000001, -1.0000001, 0.0, 0.5});
            cos.setRequiresGradient(true);
            NDArray angle;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                angle = Sphere.angle(cos);
                collector.backward(angle.sum());
            }
            assertArrayEquals(new double[] {0, Math.PI, 0, Math.PI, Math.PI / 2, Math.PI / 3}, Arrays64.values(angle), 1e-15);
            double[] grad = Arrays64.values(cos.getGradient());
            for (double g : grad) {
                assertTrue(Double.isFinite(g), "gradient " + g);
            }
            assertEquals(-1 / Math.sqrt(0.75), grad[5], 1e-12);   // d acos(c)/dc = −1/√(1−c²)
            assertEquals(-1.0, grad[4], 1e-12);
        }
    }

    @Test
    void angleBetweenIsAccurateForNearlyEqualAndNearlyOppositeVectorsInFloat32() {
        double small = 1e-5;   // acos of a float32 cosine cannot resolve this: cos(1e-5) rounds to 1
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray a = Arrays64.create(manager, new double[] {1, 0, 1, 0}, new Shape(2, 2), DataType.FLOAT32);
            NDArray b = Arrays64.create(manager, new double[] {Math.cos(small), Math.sin(small),
                -Math.cos(small), Math.sin(small)}, new Shape(2, 2), DataType.FLOAT32);
            double[] theta = Arrays64.values(Sphere.angleBetween(a, b));
            assertEquals(small, theta[0], small * 1e-3);
            assertEquals(Math.PI - small, theta[1], 1e-6);
            assertEquals(0.0, Arrays64.values(Sphere.angle(Sphere.cosine(a, b)))[0], 1e-12, "acos route loses it");
        }
    }

    @Test
    void normalizeLeavesZeroRowsZeroWithoutNaNGradients() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray x = manager.create(new double[] {3, 4, 0, 0}, new Shape(2, 2));
            x.setRequiresGradient(true);
            NDArray unit;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                unit = Sphere.normalize(x);
                collector.backward(unit.sum());
            }
            assertArrayEquals(new double[] {0.6, 0.8, 0, 0}, Arrays64.values(unit), 1e-15);
            for (double g : Arrays64.values(x.getGradient())) {
                assertTrue(Double.isFinite(g));
            }
        }
    }

    @Test
    void cosinesGeodesicsAndDegrees() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray a = manager.create(new double[] {2, 0, 0, 5}, new Shape(2, 2));
            NDArray b = manager.create(new double[] {1, 1, 0, -1}, new Shape(2, 2));
            assertArrayEquals(new double[] {Math.sqrt(0.5), -1}, Arrays64.values(Sphere.cosine(a, b)), 1e-15);
            assertArrayEquals(new double[] {Math.sqrt(0.5), 0, Math.sqrt(0.5), -1},
                    Arrays64.values(Sphere.cosineMatrix(a, b).reshape(4)), 1e-15);
            assertArrayEquals(new double[] {45, 180}, Arrays64.values(Sphere.degrees(Sphere.geodesic(a, b)).reshape(2)), 1e-12);
            assertEquals(90.0, Sphere.angleDegrees(new double[] {1, 0}, new double[] {0, 3}), 1e-12);
        }
    }
}
