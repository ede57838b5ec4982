package dev.hypersphere.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import org.junit.jupiter.api.Test;

/** The demo's small CNN: its parameter count worked by hand, and its output shape. */
class SmallConvNetTest {

    @Test
    void parameterCountAndShape() {
        // conv 3×3: 1·16·9, 16·32·9, 32·64·9 (no bias); BN scale+shift and PReLU slope per channel: 3·16, 3·32, 3·64;
        // FC 64·4·4 → 128 with bias; embedding BN scale (frozen) + shift: 2·128.
        long expected = 144 + 4608 + 18432 + 3 * (16 + 32 + 64) + (1024 * 128 + 128) + 2 * 128;
        try (NDManager manager = HypersphereEngine.newManager()) {
            Backbone net = Backbones.create("smallnet");
            net.initialize(manager, DataType.FLOAT32);
            ParameterCount count = ParameterCount.of(net);
            assertEquals(expected, count.parameters());
            assertEquals(expected - 128, count.trainable());   // the embedding scale is frozen
            NDArray out = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(new Shape(3, 1, 32, 32))), false).singletonOrThrow();
            assertEquals(new Shape(3, 128), out.getShape());
        }
    }
}
