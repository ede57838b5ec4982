package dev.hypersphere.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * A residual unit: {@code body(x) + shortcut(x)}, the shortcut being the identity or a projection (for example
 * a strided 1×1 convolution and batch norm when the body changes the shape).
 */
public final class Residual extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;
    private final Block shortcut;

    /** {@code body(x) + x}. */
    public Residual(Block body) {
        this(body, null);
    }

    /** {@code body(x) + shortcut(x)}; a null shortcut is the identity. */
    public Residual(Block body, Block shortcut) {
        super(VERSION);
        this.body = addChildBlock("body", body);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    public Block body() {
        return body;
    }

    /** The projection on the skip path, or null for the identity. */
    public Block shortcut() {
        return shortcut;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = body.forward(store, inputs, training, params).singletonOrThrow();
        NDArray skip = shortcut == null ? x : shortcut.forward(store, inputs, training, params).singletonOrThrow();
        NDArray sum = out.add(skip);
        // The branch outputs are closed once summed: autograd does not keep them (an addition saves nothing), so
        // their memory is returned now rather than at the end of the step. The input itself is the caller's.
        closeUnlessInput(out, x);
        closeUnlessInput(skip, x);
        return new NDList(sum);
    }

    private static void closeUnlessInput(NDArray branch, NDArray input) {
        if (branch != input) {
            branch.close();
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
        Shape[] bodyShapes = body.getOutputShapes(inputShapes);
        Shape[] skipShapes = shortcut == null ? inputShapes : shortcut.getOutputShapes(inputShapes);
        if (!Arrays.equals(bodyShapes, skipShapes)) {
            throw new IllegalArgumentException("residual body gives shape " + Arrays.toString(bodyShapes)
                    + " but the shortcut gives " + Arrays.toString(skipShapes) + " for input " + Arrays.toString(inputShapes));
        }
    }
}
