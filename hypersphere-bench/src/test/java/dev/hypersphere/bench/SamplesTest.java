package dev.hypersphere.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianAndSpreadOfOddAndEvenCounts() {
        Samples odd = Samples.of("s", List.of(3.0, 1.0, 2.0));
        assertEquals(2.0, odd.median());
        assertEquals(1.0, odd.relativeSpread(), 1e-15);   // (3 - 1) / 2
        Samples even = Samples.of("s", List.of(4.0, 1.0, 2.0, 3.0));
        assertEquals(2.5, even.median());
        assertEquals(1.0, even.min());
        assertEquals(4.0, even.max());
    }

    @Test
    void ratioIsOfTheMediansAndTargetsCompareBothWays() {
        Samples ours = Samples.of("s/step", List.of(0.8, 0.9, 1.0));
        Samples theirs = Samples.of("s/step", List.of(1.0, 1.0, 1.2));
        Comparison c = Comparison.quotient("x", ours, "ours", theirs, "theirs", "ours ÷ theirs", Target.atMost(0.9), Map.of());
        assertEquals(0.9, c.ratio(), 1e-12);
        assertTrue(c.met());
        assertFalse(Target.atLeast(2).met(1.99));
        assertTrue(Target.atLeast(2).met(2.0));
        assertNull(Target.NONE.met(5.0));
        assertNull(Target.atMost(1).met(null));
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Samples.of("s", List.of()));
    }

    @Test
    void unknownBenchmarkListsTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Benchmarks.byName("nope"));
        assertTrue(e.getMessage().contains("train-step") && e.getMessage().contains("memory"), e.getMessage());
    }
}
