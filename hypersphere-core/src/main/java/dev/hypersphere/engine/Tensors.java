package dev.hypersphere.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Small tensor chores that DJL spells in more than one way, done the one way that behaves on PyTorch. */
public final class Tensors {

    private static final NDIndex ALL = new NDIndex(":");

    private Tensors() {}

    /**
     * Overwrites {@code target} in place (keeping its gradient flag, e.g. of a parameter) with {@code values},
     * row-major, converted to the target's type. Indexed assignment is used because DJL's {@code set(double[])}
     * and {@code copyTo} route through a deprecated libtorch mode that prints a warning.
     */
    public static void overwrite(NDArray target, double[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException("expected " + target.size() + " values for shape " + target.getShape()
                    + ", got " + values.length);
        }
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            overwrite(target, source);
        }
    }

    /** Overwrites {@code target} in place with {@code source} (same shape), converted to the target's type. */
    public static void overwrite(NDArray target, NDArray source) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("expected shape " + target.getShape() + ", got " + source.getShape());
        }
        try (NDArray converted = source.toType(target.getDataType(), true)) {
            target.set(ALL, converted);
        }
    }
}
