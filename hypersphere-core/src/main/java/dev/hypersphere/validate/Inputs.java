package dev.hypersphere.validate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Argument checks shared by heads, losses and metrics. Each failure is an {@link IllegalArgumentException} whose
 * message names the argument, what was expected and what was found, so that the CLI can print it as one line.
 */
public final class Inputs {

    private Inputs() {}

    /** {@code x} must be a 2-D float array with {@code dim} columns (any dim when {@code dim < 0}). */
    public static void requireMatrix(String name, NDArray x, long dim) {
        Shape shape = x.getShape();
        if (shape.dimension() != 2 || (dim >= 0 && shape.get(1) != dim)) {
            throw new IllegalArgumentException(name + " must be a 2-D array of shape (N, " + (dim >= 0 ? dim : "d")
                    + "), got shape " + shape);
        }
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException(name + " must hold floating-point values, got " + x.getDataType());
        }
    }

    /** Every value of the 2-D array {@code x} must be finite; names the first offending row. */
    public static void requireFiniteRows(String name, NDArray x) {
        long[] rows;
        try (NDArray nan = x.isNaN();
             NDArray inf = x.isInfinite();
             NDArray either = nan.logicalOr(inf);
             NDArray count = either.countNonzero(1);
             NDArray count64 = count.toType(DataType.INT64, true)) {
            rows = count64.toLongArray();
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] > 0) {
                throw new IllegalArgumentException(name + " row " + i + " is not finite (holds NaN or ±Inf)");
            }
        }
    }

    /** {@code labels} must be a vector of {@code n} whole numbers in [0, numClasses). */
    public static void requireLabels(String name, NDArray labels, long n, long numClasses) {
        if (labels.getShape().dimension() != 1 || labels.getShape().get(0) != n) {
            throw new IllegalArgumentException(name + " must be a vector of length " + n + " (one per embedding), got shape "
                    + labels.getShape());
        }
        DataType type = labels.getDataType();
        if (type != DataType.INT32 && type != DataType.INT64) {
            throw new IllegalArgumentException(name + " must be int32 or int64 class indices, got " + type);
        }
        long[] values;
        try (NDArray copy = labels.toType(DataType.INT64, true)) {
            values = copy.toLongArray();
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= numClasses) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " is outside [0, " + numClasses + ")");
            }
        }
    }

    /** {@code value} must be finite and strictly positive. */
    public static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + text(value));
        }
        return value;
    }

    /** {@code value} must lie in [low, high]. */
    public static double requireInRange(String name, double value, double low, double high, String why) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " must be in [" + text(low) + ", " + text(high) + "]"
                    + (why.isEmpty() ? "" : " (" + why + ")") + ", got " + text(value));
        }
        return value;
    }

    /** An angular margin in radians must lie in [0, π/2). */
    public static double requireAngularMargin(String name, double value) {
        if (!(value >= 0 && value < Math.PI / 2)) {
            throw new IllegalArgumentException(name + " must be in [0, π/2) (an angular margin in radians), got " + text(value));
        }
        return value;
    }

    /** A number as a person writes it: 1 rather than 1.0. */
    static String text(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** {@code value} must be a whole number ≥ {@code min}. */
    public static int requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
