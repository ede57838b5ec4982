package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Rates read well at any speed: never ".0 steps/s", and the time per step below one step a second. */
class RateTextTest {

    @Test
    void fastRates() {
        assertEquals("4.7 steps/s", RateText.format(4.7, "step"));
        assertEquals("1.0 steps/s", RateText.format(1.0, "step"));
        assertEquals("10 steps/s", RateText.format(9.96, "step"));
        assertEquals("850 images/s", RateText.format(849.6, "image"));
    }

    @Test
    void slowRatesGiveTheTimePerUnit() {
        assertEquals("2.9 s/step", RateText.format(0.35, "step"));
        assertEquals("1.1 s/step", RateText.format(0.95, "step"));
        assertEquals("50 s/step", RateText.format(0.02, "step"));
        assertEquals("2.0 s/image", RateText.format(0.5, "image"));
    }

    @Test
    void noRateYet() {
        assertEquals("? steps/s", RateText.format(0, "step"));
        assertEquals("? steps/s", RateText.format(Double.NaN, "step"));
        assertEquals("? steps/s", RateText.format(Double.POSITIVE_INFINITY, "step"));
    }
}
