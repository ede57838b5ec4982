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
import dev.hypersphere.engine.HypersphereEngine;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backbone maps (N, C, H, W) to (N, d). The small ones run a training-mode forward and backward pass on
 * a batch of 2: every gradient is finite and every weight and PReLU slope gets a non-zero one (a bias or shift
 * just before a training-mode batch norm has a zero gradient by construction). The large IResNets (this is a
 * 2-core machine) run a forward pass only, in training mode: freshly initialised, with insightface's N(0, 0.1²)
 * convolutions and running statistics still at 0 and 1, their activations overflow float32 in inference mode
 * within a hundred layers (as insightface's would), while batch statistics keep them in range.
 */
class BackboneShapeTest {

    static Stream<BackboneSpec> small() {
        return Stream.of(
                BackboneSpec.defaults("lenet++"),
                new BackboneSpec("lenet++", 3, 1, 28, 28),
                new BackboneSpec("lenet++", 2, 3, 32, 32),
                BackboneSpec.defaults("sfnet20"),
                new BackboneSpec("sfnet20", 512, 3, 112, 112),
                BackboneSpec.defaults("iresnet18").withEmbeddingDim(128),
                BackboneSpec.defaults("mobilefacenet"));
    }

    static Stream<BackboneSpec> large() {
        return Stream.of(BackboneSpec.defaults("iresnet34"), BackboneSpec.defaults("iresnet50"),
                BackboneSpec.defaults("iresnet100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void forwardAndBackwardOnTwoImages(BackboneSpec spec) {
        try (NDManager manager = HypersphereEngine.newManager()) {
            manager.getEngine().setRandomSeed(5);
            Backbone backbone = Backbones.create(spec);
            backbone.initialize(manager, DataType.FLOAT32);
            Shape input = backbone.inputShape(2);
            assertEquals(new Shape(2, spec.embeddingDim()), backbone.getOutputShapes(new Shape[] {input})[0]);

            ParameterStore store = new ParameterStore(manager, false);
            try (NDManager scope = manager.newSubManager()) {
                for (Parameter p : backbone.trainableParameters()) {
                    p.getArray().tempAttach(scope);
                }
                NDArray x = scope.randomNormal(input);
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray y = backbone.forward(store, new NDList(x), true).singletonOrThrow();
                    assertEquals(new Shape(2, spec.embeddingDim()), y.getShape());
                    // A loss that does not vanish through the batch norm: the first sample's coordinates, weighted.
                    NDArray weights = scope.arange(1f, spec.embeddingDim() + 1f);
                    collector.backward(y.get(0).mul(weights).sum());
                }
                for (Parameter p : backbone.trainableParameters()) {
                    float[] g = p.getArray().getGradient().toFloatArray();
                    double norm = 0;
                    for (float v : g) {
                        assertTrue(Float.isFinite(v), spec.name() + " " + p.getName() + " has a non-finite gradient");
                        norm += v * v;
                    }
                    if (p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.OTHER) {
                        assertTrue(norm > 0, spec.name() + " " + p.getName() + " gets no gradient");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("large")
    void forwardOnTwoImages(BackboneSpec spec) {
        try (NDManager manager = HypersphereEngine.newManager()) {
            Backbone backbone = Backbones.create(spec);
            backbone.initialize(manager, DataType.FLOAT32);
            NDArray y = backbone.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, backbone.inputShape(2))), true).singletonOrThrow();
            assertEquals(new Shape(2, 512), y.getShape());
            for (float v : y.toFloatArray()) {
                assertTrue(Float.isFinite(v), spec.name() + " gives a non-finite embedding");
            }
        }
    }
}
