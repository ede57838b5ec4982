package dev.hypersphere.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hypersphere.train.schedule.LearningRateSchedule.Decay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules against their formulas, worked by hand. */
class LearningRateScheduleTest {

    @Test
    void warmupThenEachDecay() {
        LearningRateSchedule step = new LearningRateSchedule(0.1, 10, 100, Decay.STEP, List.of(50L, 80L), 0.1, 1);
        assertEquals(0.01, step.at(0), 1e-15);          // (0 + 1)/10 of the base rate
        assertEquals(0.1, step.at(9), 1e-15);
        assertEquals(0.1, step.at(49), 1e-15);
        assertEquals(0.01, step.at(50), 1e-15);
        assertEquals(0.001, step.at(80), 1e-15);

        LearningRateSchedule poly = new LearningRateSchedule(0.1, 0, 100, Decay.POLY, List.of(), 0, 2);
        assertEquals(0.1, poly.at(0), 1e-15);
        assertEquals(0.1 * 0.25, poly.at(50), 1e-15);  // (1 − ½)²

        LearningRateSchedule cosine = new LearningRateSchedule(0.2, 20, 120, Decay.COSINE, List.of(), 0, 0);
        assertEquals(0.1, cosine.at(70), 1e-15);        // halfway after warm-up: ½(1 + cos π/2)
        assertEquals(0.0, cosine.at(120), 1e-15);
    }
}
