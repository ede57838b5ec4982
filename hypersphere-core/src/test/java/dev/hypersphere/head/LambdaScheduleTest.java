package dev.hypersphere.head;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SphereFace's λ = max(5, 1000·(1 + 0.12·iter)^−1), worked by hand. */
class LambdaScheduleTest {

    @Test
    void caffeDefaults() {
        LambdaSchedule schedule = LambdaSchedule.SPHEREFACE;
        assertEquals(1000.0, schedule.at(0), 1e-12);
        assertEquals(1000.0 / 1.12, schedule.at(1), 1e-12);          // 892.857142857…
        assertEquals(1000.0 / 13.0, schedule.at(100), 1e-12);         // 76.923076923…
        assertEquals(1000.0 / 199.96, schedule.at(1658), 1e-12);      // 5.0010002…, the last step above the floor
        assertEquals(5.0, schedule.at(1659), 0.0);                     // 1000/200.08 = 4.998 → floored to 5
        assertEquals(5.0, schedule.at(10000), 0.0);
    }

    @Test
    void headUsesTheScheduleAndAdvancesLikeTheCaffeLayer() {
        SphereFaceHead head = new SphereFaceHead(3, 2);
        assertEquals(1, head.iteration());
        assertEquals(1000.0 / 1.12, head.lambda(), 1e-12);
        head.setIteration(1659);
        assertEquals(5.0, head.lambda(), 0.0);
    }

    @Test
    void annealingPositionSurvivesSaveAndLoad() throws Exception {
        try (ai.djl.ndarray.NDManager manager = dev.hypersphere.engine.HypersphereEngine.newManager()) {
            SphereFaceHead trained = new SphereFaceHead(3, 2);
            trained.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 2));
            trained.setIteration(321);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            trained.saveParameters(new java.io.DataOutputStream(bytes));
            SphereFaceHead resumed = new SphereFaceHead(3, 2);
            resumed.loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            assertEquals(321, resumed.iteration());
            assertEquals(1000.0 / (1 + 0.12 * 321), resumed.lambda(), 1e-12);
        }
    }
}
