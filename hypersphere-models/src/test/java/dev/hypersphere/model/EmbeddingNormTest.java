package dev.hypersphere.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.engine.Tensors;
import dev.hypersphere.model.layer.Layers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every backbone ends in insightface's {@code features} layer: BatchNorm1d(d, eps 1e-5, momentum 0.1) whose
 * scale is 1 and frozen. Checked against the batch-norm formula worked in float64.
 */
class EmbeddingNormTest {

    private static final int N = 6;
    private static final int D = 4;

    @Test
    void everyBackboneEndsInTheFrozenScaleNorm() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            for (String name : List.of("lenet++", "sfnet20", "iresnet18", "mobilefacenet")) {
                Backbone backbone = Backbones.create(name);
                backbone.initialize(manager, DataType.FLOAT32);
                List<Block> children = backbone.getChildren().values();
                assertSame(backbone.embeddingNorm(), children.get(children.size() - 1), name + ": the norm comes last");
                Parameter gamma = Layers.scaleOf(backbone.embeddingNorm());
                assertFalse(gamma.requiresGradient(), name + ": scale is frozen");
                assertFalse(backbone.trainableParameters().contains(gamma), name + ": scale is not handed to the optimiser");
                for (float v : gamma.getArray().toFloatArray()) {
                    assertEquals(1f, v, name + ": scale is 1");
                }
                Parameter beta = backbone.embeddingNorm().getDirectParameters().get("beta");
                assertTrue(backbone.trainableParameters().contains(beta), name + ": shift is trained");

                // Unfreezing the backbone (after a warm-up, say) leaves the embedding scale frozen.
                backbone.freezeParameters(true);
                backbone.freezeParameters(false);
                assertFalse(gamma.requiresGradient(), name + ": scale stays frozen after unfreezing");
                assertTrue(beta.requiresGradient());
            }
        }
    }

    @Test
    void normalisesWithBatchStatisticsAndTracksRunningOnes() {
        Random random = new Random(2);
        double[] x = new double[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * random.nextGaussian() + i % D;
        }
        double[] beta = {0.5, -1, 0, 2};
        double eps = 1e-5;
        double momentum = 0.1;
        double[] mean = new double[D];
        double[] biasedVar = new double[D];
        for (int j = 0; j < D; j++) {
            for (int i = 0; i < N; i++) {
                mean[j] += x[i * D + j] / N;
            }
            for (int i = 0; i < N; i++) {
                biasedVar[j] += Math.pow(x[i * D + j] - mean[j], 2) / N;
            }
        }
        try (NDManager manager = HypersphereEngine.newManager()) {
            BatchNorm norm = Layers.frozenScaleBatchNorm();
            norm.initialize(manager, DataType.FLOAT64, new Shape(N, D));
            Tensors.overwrite(norm.getDirectParameters().get("beta").getArray(), beta);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray input = manager.create(x, new Shape(N, D));
            input.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                y = norm.forward(store, new NDList(input), true).singletonOrThrow();
                collector.backward(y.sum());
            }
            double[] out = y.toDoubleArray();
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < D; j++) {
                    double expected = (x[i * D + j] - mean[j]) / Math.sqrt(biasedVar[j] + eps) + beta[j];
                    assertEquals(expected, out[i * D + j], 1e-12, "training output [" + i + "," + j + "]");
                }
            }
            Parameter gamma = Layers.scaleOf(norm);
            assertFalse(gamma.requiresGradient());
            assertEquals(1.0, gamma.getArray().toDoubleArray()[0]);

            // Running statistics start at 0 and 1 and move by PyTorch's momentum 0.1, the variance unbiased.
            // DJL passes the momentum as the float 1f - 0.9f = 0.1·(1 + 2.4e-7): hence the tolerance.
            double[] runningMean = norm.getDirectParameters().get("runningMean").getArray().toDoubleArray();
            double[] runningVar = norm.getDirectParameters().get("runningVar").getArray().toDoubleArray();
            for (int j = 0; j < D; j++) {
                assertEquals(momentum * mean[j], runningMean[j], 1e-6 * Math.abs(mean[j]) + 1e-15, "running mean " + j);
                double unbiased = biasedVar[j] * N / (N - 1);
                assertEquals((1 - momentum) + momentum * unbiased, runningVar[j], 1e-6 * unbiased, "running variance " + j);
            }

            // Inference uses the running statistics.
            double[] inference = norm.forward(store, new NDList(input), false).singletonOrThrow().toDoubleArray();
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < D; j++) {
                    double expected = (x[i * D + j] - runningMean[j]) / Math.sqrt(runningVar[j] + eps) + beta[j];
                    assertEquals(expected, inference[i * D + j], 1e-12, "inference output [" + i + "," + j + "]");
                }
            }
        }
    }
}
