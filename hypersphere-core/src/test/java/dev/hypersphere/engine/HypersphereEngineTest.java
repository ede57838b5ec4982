package dev.hypersphere.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class HypersphereEngineTest {

    @Test
    void threadSettingIsValidated() {
        System.setProperty(HypersphereEngine.THREADS_SETTING, "two");
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    HypersphereEngine::threadsFromSettings);
            assertEquals("HYPERSPHERE_THREADS must be a whole number >= 0, got 'two'", e.getMessage());
            System.setProperty(HypersphereEngine.THREADS_SETTING, "1");
            assertEquals(1, HypersphereEngine.threadsFromSettings());
        } finally {
            System.clearProperty(HypersphereEngine.THREADS_SETTING);
        }
    }

    @Test
    void startsPyTorchOfflineOnCpu() {
        assertEquals("PyTorch", HypersphereEngine.start().getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertTrue(HypersphereEngine.start().getVersion().startsWith("2.7.1"), HypersphereEngine.start().getVersion());
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            // [[1,2],[3,4]] @ [[1,2],[3,4]] = [[7,10],[15,22]]
            assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray());
        }
    }
}
