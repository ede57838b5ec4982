package dev.hypersphere.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each bad argument gives one message naming the argument, what was expected and what came. */
class BadInputTest {

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void hyperParametersOutOfRange() {
        assertEquals("s must be a finite number > 0, got 0", message(() -> new ArcFaceHead(10, 4, 0, 0.5, ArcFaceHead.Mode.CLASSIC)));
        assertEquals("s must be a finite number > 0, got -1", message(() -> new CosFaceHead(10, 4, -1, 0.35)));
        assertEquals("m must be an integer in {1, 2, 3, 4} (A-Softmax's multiplicative margin), got 5",
                message(() -> Heads.create("sphereface", 10, 4, Map.of("m", "5"))));
        assertEquals("m must be in [0, π/2) (an angular margin in radians), got 2",
                message(() -> Heads.create("arcface", 10, 4, Map.of("m", "2"))));
        assertEquals("m must be in [0, 1] (CosFace's cosine margin), got -0.1",
                message(() -> Heads.create("cosface", 10, 4, Map.of("m", "-0.1"))));
        assertEquals("k must be >= 1, got 0", message(() -> Heads.create("subcenter-arcface", 10, 4, Map.of("k", "0"))));
        assertEquals("numClasses must be >= 2, got 1", message(() -> new NormFaceHead(1, 4)));
    }

    @Test
    void unknownNamesAndParameters() {
        assertEquals("unknown head 'arcfase'; valid: softmax, normface, sphereface, cosface, arcface, combined, subcenter-arcface",
                message(() -> Heads.create("arcfase", 10, 4)));
        assertEquals("unknown parameter 'margin' for head arcface; valid: m, mode, s",
                message(() -> Heads.create("arcface", 10, 4, Map.of("margin", "0.5"))));
        assertEquals("arcface parameter m must be a number, got 'half'",
                message(() -> Heads.create("arcface", 10, 4, Map.of("m", "half"))));
        assertEquals("mode must be one of classic, easy-margin, detached; got 'hard'",
                message(() -> Heads.create("arcface", 10, 4, Map.of("mode", "hard"))));
        assertEquals("s applies to sphereface only with variant=normalized (the original variant scales by the feature norm)",
                message(() -> Heads.create("sphereface", 10, 4, Map.of("s", "30"))));
    }

    @Test
    void badEmbeddingsAndLabels() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            Head head = new ArcFaceHead(3, 4);
            head.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray good = manager.ones(new Shape(2, 4));
            NDArray labels = manager.create(new long[] {0, 2});
            assertEquals("embeddings must be a 2-D array of shape (N, 4), got shape (2, 5)",
                    message(() -> head.logits(store, manager.ones(new Shape(2, 5)), labels, true)));
            assertEquals("embeddings row 1 is not finite (holds NaN or ±Inf)",
                    message(() -> head.logits(store, manager.create(new float[] {1, 0, 0, 0, 0, Float.NaN, 0, 0},
                            new Shape(2, 4)), labels, true)));
            assertEquals("labels[1] = 3 is outside [0, 3)",
                    message(() -> head.logits(store, good, manager.create(new long[] {0, 3}), true)));
            assertEquals("labels must be a vector of length 2 (one per embedding), got shape (3)",
                    message(() -> head.logits(store, good, manager.create(new long[] {0, 1, 2}), true)));
            assertEquals("labels must be int32 or int64 class indices, got float32",
                    message(() -> head.logits(store, good, manager.create(new float[] {0, 1}), true)));
        }
    }
}
