package dev.hypersphere.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.testing.Arrays64;
import org.junit.jupiter.api.Test;

/** The dominant-sub-centre rule on a hand-built set whose answer is known. */
class SubCenterNoiseTest {

    @Test
    void flagsSamplesFarFromTheirClassesDominantSubCentre() {
        // Two classes, K = 2 sub-centres each, in R³. Class 0: sub-centres e0 and e1; class 1: e2 and −e0.
        double[] w = {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, 0, 0};
        double c80 = Math.cos(Math.toRadians(80));
        double s80 = Math.sin(Math.toRadians(80));
        double[] x = {
            1, 0.1, 0,          // class 0, near e0
            1, 0, 0.1,          // class 0, near e0
            1, -0.1, 0,         // class 0, near e0  → e0 is dominant (3 votes to 1)
            c80, s80, 0,        // class 0, nearest e1, 80° from e0 → flagged
            0, 0, 1,            // class 1, on e2
            0.1, 0, 1,          // class 1, near e2 → e2 dominant
            c80, 0, s80};       // class 1, 10° from e2, not flagged
        long[] labels = {0, 0, 0, 0, 1, 1, 1};
        try (NDManager manager = HypersphereEngine.newManager()) {
            SubCenterArcFaceHead head = new SubCenterArcFaceHead(2, 3, 2, 64, 0.5, ArcFaceHead.Mode.CLASSIC);
            head.initialize(manager, DataType.FLOAT64, new Shape(7, 3));
            Arrays64.fill(head.weight().getArray(), w);
            var result = head.findNoisySamples(new ParameterStore(manager, false),
                    manager.create(x, new Shape(7, 3)), manager.create(labels), 75);
            assertArrayEquals(new int[] {0, 0}, result.dominantSubCenter());
            assertArrayEquals(new int[] {3}, result.indices());
            assertEquals(80.0, result.anglesToDominantDegrees()[3], 1e-9);
            assertEquals(10.0, result.anglesToDominantDegrees()[6], 1e-9);
            assertEquals(Math.toDegrees(Math.atan(0.1)), result.anglesToDominantDegrees()[0], 1e-9);
        }
    }
}
