package dev.hypersphere.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hypersphere.engine.Tensors;

/** Moving float64 test data in and out of the engine at a chosen precision. */
public final class Arrays64 {

    private Arrays64() {}

    public static NDArray create(NDManager manager, double[] values, Shape shape, DataType type) {
        return manager.create(values, shape).toType(type, false);
    }

    public static double[] values(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Overwrites a (parameter) array in place with the given values. */
    public static void fill(NDArray target, double[] values) {
        Tensors.overwrite(target, values);
    }
}
