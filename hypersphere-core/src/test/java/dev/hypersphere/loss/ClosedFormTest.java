package dev.hypersphere.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.testing.Arrays64;
import org.junit.jupiter.api.Test;

/** Alignment, uniformity and InfoNCE on tiny sets whose values are known by hand. */
class ClosedFormTest {

    @Test
    void identicalPointsAreFullyAlignedAndMaximallyNonUniformWithFiniteGradients() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray x = manager.create(new double[] {0.6, 0.8, 0.6, 0.8, 0.6, 0.8}, new Shape(3, 2));
            x.setRequiresGradient(true);
            NDArray align;
            NDArray uniform;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                align = AlignmentLoss.compute(x, x.duplicate(), 1.0);   // α = 1: ‖0‖^1 has an infinite slope at 0
                uniform = UniformityLoss.compute(x, 2);
                collector.backward(align.add(uniform));
            }
            assertEquals(0.0, Arrays64.values(align)[0], 0.0);
            assertEquals(0.0, Arrays64.values(uniform)[0], 1e-15);   // log mean exp(0) = 0
            for (double g : Arrays64.values(x.getGradient())) {
                assertTrue(Double.isFinite(g), "gradient " + g);
            }
        }
    }

    @Test
    void antipodalPoints() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray x = manager.create(new double[] {1, 0, 0}, new Shape(1, 3));
            NDArray y = manager.create(new double[] {-1, 0, 0}, new Shape(1, 3));
            assertEquals(4.0, Arrays64.values(AlignmentLoss.compute(x, y, 2))[0], 1e-15);   // ‖x − y‖² = 4
            assertEquals(2.0, Arrays64.values(AlignmentLoss.compute(x, y, 1))[0], 1e-15);
            assertEquals(8.0, Arrays64.values(AlignmentLoss.compute(x, y, 3))[0], 1e-14);
            NDArray pair = x.concat(y);
            assertEquals(-8.0, Arrays64.values(UniformityLoss.compute(pair, 2))[0], 1e-15);  // log exp(−2·4)
            assertEquals(-2.0, Arrays64.values(UniformityLoss.compute(pair, 0.5))[0], 1e-15);
        }
    }

    @Test
    void orthonormalBasisHasUniformityMinusTwoT() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray basis = manager.eye(5).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            assertEquals(-4.0, Arrays64.values(UniformityLoss.compute(basis, 2))[0], 1e-14);   // every ‖e_i − e_j‖² = 2
        }
    }

    @Test
    void infoNceWithOrthogonalPairsHasTheLogCountForm() {
        // Two pairs (x_i = y_i = e_i) in R²: each anchor sees its positive at cos 1 and two negatives at cos 0,
        // so the loss is −log(e^{1/τ} / (e^{1/τ} + 2)).
        double tau = 0.5;
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray x = manager.create(new double[] {1, 0, 0, 1}, new Shape(2, 2));
            double expected = -Math.log(Math.exp(1 / tau) / (Math.exp(1 / tau) + 2));
            assertEquals(expected, Arrays64.values(InfoNceLoss.compute(x, x.duplicate(), tau))[0], 1e-12);
        }
    }
}
