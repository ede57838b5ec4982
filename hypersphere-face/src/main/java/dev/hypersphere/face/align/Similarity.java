package dev.hypersphere.face.align;

/**
 * A 2-D similarity (rotation, uniform scale, translation) as the 2×3 matrix [a −b tx; b a ty]: x' = a·x − b·y + tx,
 * y' = b·x + a·y + ty. Pixel coordinates: integer values are pixel centres (OpenCV's convention, which YuNet's
 * landmarks and insightface's templates follow).
 */
public record Similarity(double a, double b, double tx, double ty) {

    public double scale() {
        return Math.hypot(a, b);
    }

    /** Rotation angle in radians (counter-clockwise in x-right/y-down pixel axes means clockwise on screen). */
    public double angle() {
        return Math.atan2(b, a);
    }

    public double[] apply(double x, double y) {
        return new double[] {a * x - b * y + tx, b * x + a * y + ty};
    }

    /** The 2×3 matrix, row-major: a, −b, tx, b, a, ty. */
    public double[] matrix() {
        return new double[] {a, -b, tx, b, a, ty};
    }

    public Similarity inverse() {
        double s2 = a * a + b * b;
        if (!(s2 > 0)) {
            throw new IllegalStateException("a similarity with scale 0 has no inverse");
        }
        double ia = a / s2;
        double ib = -b / s2;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
