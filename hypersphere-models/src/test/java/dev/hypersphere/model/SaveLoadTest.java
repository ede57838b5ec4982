package dev.hypersphere.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.model.layer.Layers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A backbone's parameters (running statistics included) saved with DJL and loaded into a new one give the same
 * embeddings, and the embedding scale stays frozen.
 */
class SaveLoadTest {

    @Test
    void savedParametersReproduceTheEmbeddings() throws Exception {
        try (NDManager manager = HypersphereEngine.newManager()) {
            // SFNet-20 holds our own PReLU and Residual blocks; a small input keeps it quick.
            BackboneSpec spec = new BackboneSpec("sfnet20", 64, 3, 32, 32);
            Backbone original = Backbones.create(spec);
            original.initialize(manager, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(original.inputShape(2));
            original.forward(store, new NDList(x), true); // moves the running statistics away from 0 and 1
            float[] expected = original.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                original.saveParameters(out);
            }
            Backbone copy = Backbones.create(spec);
            copy.initialize(manager, DataType.FLOAT32);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy.loadParameters(manager, in);
            }
            float[] actual = copy.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(expected, actual);
            assertFalse(Layers.scaleOf(copy.embeddingNorm()).requiresGradient(), "the loaded scale stays frozen");
        }
    }
}
