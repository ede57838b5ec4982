package dev.hypersphere.model.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;

/**
 * Factories for the standard layers of the backbones, configured as PyTorch's defaults so that the blocks are
 * the reference networks layer for layer.
 */
public final class Layers {

    /** PyTorch's batch-norm epsilon (insightface sets it explicitly to the same). */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    /**
     * DJL's momentum is the weight of the old running statistic: 0.9 here is PyTorch's momentum 0.1
     * ({@code running = 0.9·running + 0.1·batch}).
     */
    public static final float BATCH_NORM_MOMENTUM = 0.9f;

    private Layers() {}

    /**
     * A square 2-D convolution.
     *
     * @param groups 1 for a full convolution, the channel count for a depthwise one
     */
    public static Conv2d conv(int filters, int kernel, int stride, int padding, int groups, boolean bias,
            Initializer weightInit) {
        Conv2d conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optGroups(groups)
                .optBias(bias)
                .build();
        conv.setInitializer(weightInit, Parameter.Type.WEIGHT);
        return conv;
    }

    /** {@code nn.BatchNorm2d / BatchNorm1d(C, eps=1e-5, momentum=0.1)}: scale 1, shift 0, both trained. */
    public static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).optMomentum(BATCH_NORM_MOMENTUM).build();
    }

    /**
     * Batch norm whose scale γ stays at 1 and is not trained (its parameter is frozen), as insightface's
     * embedding layer {@code features}; the shift β is trained. The frozen γ is still a parameter, so
     * parameter counts and saved weights line up with PyTorch's.
     */
    public static BatchNorm frozenScaleBatchNorm() {
        BatchNorm norm = batchNorm();
        scaleOf(norm).freeze(true);
        return norm;
    }

    /** The scale γ of a DJL batch norm. */
    public static Parameter scaleOf(BatchNorm norm) {
        Parameter gamma = norm.getDirectParameters().get("gamma");
        if (gamma == null || gamma.getType() != Parameter.Type.GAMMA) {
            throw new IllegalStateException("DJL's BatchNorm no longer names its scale 'gamma'");
        }
        return gamma;
    }

    /** A fully connected layer on flat features. */
    public static Linear linear(int units, boolean bias, Initializer weightInit, Initializer biasInit) {
        Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
        linear.setInitializer(weightInit, Parameter.Type.WEIGHT);
        if (bias) {
            linear.setInitializer(biasInit, Parameter.Type.BIAS);
        }
        return linear;
    }

    /** {@code nn.MaxPool2d(kernel, stride)}: no padding, floor rounding. */
    public static Block maxPool(int kernel, int stride) {
        return Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
    }

    /** (N, C, H, W) → (N, C·H·W). */
    public static Block flatten() {
        return Blocks.batchFlattenBlock();
    }
}
