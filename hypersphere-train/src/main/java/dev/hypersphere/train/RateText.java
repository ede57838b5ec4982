package dev.hypersphere.train;

import java.util.Locale;

/**
 * A processing rate as people read it at any speed: {@code 12 steps/s}, {@code 4.7 steps/s}, and below one per
 * second the time per unit instead ({@code 2.9 s/step}), since "0.0 steps/s" (or ".0") says nothing.
 */
public final class RateText {

    private RateText() {}

    /**
     * @param perSecond units done per second
     * @param unit the unit, singular ("step", "image"); its plural adds an "s"
     */
    public static String format(double perSecond, String unit) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            return "? " + unit + "s/s";   // nothing measured yet
        }
        if (perSecond >= 1) {
            return number(perSecond) + " " + unit + "s/s";
        }
        return number(1 / perSecond) + " s/" + unit;
    }

    /** Two significant digits below 10, whole numbers above (more digits would only show noise). */
    private static String number(double value) {
        return value < 9.95 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }
}
