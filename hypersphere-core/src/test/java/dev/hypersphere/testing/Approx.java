package dev.hypersphere.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise closeness: |actual − expected| ≤ tol · max(1, |expected|). */
public final class Approx {

    private Approx() {}

    public static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            if (!Double.isFinite(actual[i])) {
                fail(what + "[" + i + "] is " + actual[i] + ", expected " + expected[i]);
            }
            double err = Math.abs(actual[i] - expected[i]) / Math.max(1.0, Math.abs(expected[i]));
            if (err > worst) {
                worst = err;
                worstAt = i;
            }
        }
        if (worst > tol) {
            fail(String.format("%s[%d] = %.12g, expected %.12g (scaled error %.3g > %.1g)", what, worstAt,
                    actual[worstAt], expected[worstAt], worst, tol));
        }
    }

    public static void assertClose(String what, double expected, double actual, double tol) {
        assertClose(what, new double[] {expected}, new double[] {actual}, tol);
    }

    /** The largest scaled error, for reports. */
    public static double maxError(double[] expected, double[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1.0, Math.abs(expected[i])));
        }
        return worst;
    }
}
