package dev.hypersphere.geometry;

import ai.djl.ndarray.NDArray;

/**
 * Geometry on the unit hypersphere, written so that neither values nor gradients become NaN.
 *
 * <p>Two rules run through this class. Square roots never see a negative or zero argument on the gradient path
 * ({@code d sqrt(u)/du} is infinite at 0), and {@code acos} is evaluated in a way that keeps its value exact on
 * [-1, 1] while its gradient stays finite: the derivative {@code -1/sqrt(1-c²)} is infinite at c = ±1, which is
 * where identical or antipodal vectors sit.
 */
public final class Sphere {

    /** Norms below this are treated as this (as {@code torch.nn.functional.normalize} does). */
    public static final double NORM_EPS = 1e-12;

    /**
     * How far inside ±1 the cosine is held on the gradient path of {@link #angle}. Beyond it the gradient is 0
     * rather than infinite; the value is unaffected.
     */
    public static final double ACOS_EPS = 1e-7;

    private Sphere() {}

    /** Rows scaled to unit L2 norm: {@code x / max(||x||, 1e-12)}, so a zero row stays zero (no NaN). */
    public static NDArray normalize(NDArray x) {
        return x.div(norms(x));
    }

    /**
     * Row norms as an N×1 column, floored at {@link #NORM_EPS}; the floor keeps the gradient of the square root
     * finite for zero rows.
     */
    public static NDArray norms(NDArray x) {
        return x.square().sum(new int[] {-1}, true).clip(NORM_EPS * NORM_EPS, Float.MAX_VALUE).sqrt();
    }

    private static NDArray rawNorms(NDArray x) {
        return x.square().sum(new int[] {-1}, true).sqrt();
    }

    /** Cosine similarity of each row of {@code a} with the same row of {@code b} (length-N vector). */
    public static NDArray cosine(NDArray a, NDArray b) {
        return normalize(a).mul(normalize(b)).sum(new int[] {-1});
    }

    /** All cosines between the rows of {@code a} (N×d) and the rows of {@code b} (M×d): an N×M matrix. */
    public static NDArray cosineMatrix(NDArray a, NDArray b) {
        return normalize(a).matMul(normalize(b).transpose());
    }

    /**
     * The angle in radians, in [0, π], whose cosine is {@code cos}. Inputs are clamped to [-1, 1] first, so
     * round-off such as 1.0000001 gives 0 instead of NaN.
     *
     * <p>The value is {@code acos(clamp(c, -1, 1))} exactly. The gradient is that of
     * {@code acos(clamp(c, -1+ε, 1-ε))}, ε = {@value #ACOS_EPS}: the true derivative where it is finite, and 0
     * (not ±∞ or NaN) within ε of ±1.
     */
    public static NDArray angle(NDArray cos) {
        NDArray exact = cos.clip(-1.0, 1.0).acos();
        NDArray smooth = cos.clip(-1.0 + ACOS_EPS, 1.0 - ACOS_EPS).acos();
        // smooth carries the gradient; the detached difference restores the exact value.
        return smooth.add(exact.sub(smooth).stopGradient());
    }

    /**
     * The angle in radians between each row of {@code a} and the same row of {@code b} (an N×1 column), accurate
     * to the last bits everywhere: {@code θ = 2·atan2(‖â − b̂‖, ‖â + b̂‖)} on the normalised rows (Kahan's form).
     *
     * <p>{@code acos} of a computed cosine loses half the digits near θ = 0 and θ = π: a cosine off by one float32
     * ulp (6e-8) moves {@code acos} by 3.5e-4 rad there. This form has no such loss, and its gradient is finite
     * for identical and for opposite directions (the norms are floored, see {@link #norms}).
     */
    public static NDArray angleBetween(NDArray a, NDArray b) {
        NDArray unitA = normalize(a);
        NDArray unitB = normalize(b);
        NDArray difference = unitA.sub(unitB);
        NDArray sum = unitA.add(unitB);
        // Floored norms carry the gradient; unfloored ones give the exact value (e.g. π for opposite vectors).
        NDArray smooth = norms(difference).atan2(norms(sum)).mul(2);
        NDArray exact = rawNorms(difference).atan2(rawNorms(sum)).mul(2);
        return smooth.add(exact.sub(smooth).stopGradient());
    }

    /** The geodesic (great-circle) distance on the unit sphere between the directions of matching rows, in radians. */
    public static NDArray geodesic(NDArray a, NDArray b) {
        return angleBetween(a, b);
    }

    /** Radians to degrees. */
    public static NDArray degrees(NDArray radians) {
        return radians.mul(180.0 / Math.PI);
    }

    /** Angle in degrees between two vectors, in plain Java (float64), for reports and tests. */
    public static double angleDegrees(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors must have the same length, got " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        double cos = dot / (Math.max(Math.sqrt(na), NORM_EPS) * Math.max(Math.sqrt(nb), NORM_EPS));
        return Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cos))));
    }
}
