package dev.hypersphere.model.net;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.layer.Initializers;
import dev.hypersphere.model.layer.Layers;
import dev.hypersphere.model.layer.PReLU;

/**
 * A small convolutional backbone for quick experiments on small images (the demo trains it on 32×32 synthetic
 * faces on two CPU cores in minutes): three stages of [conv 3×3 (16, 32, 64 filters) + BatchNorm + PReLU +
 * 2×2 max-pool], then a fully connected layer to the embedding. About 2.6 M multiply-adds per 32×32 image, a
 * fortieth of LeNet++'s.
 */
public final class SmallConvNet {

    private static final int[] STAGE_CHANNELS = {16, 32, 64};

    private SmallConvNet() {}

    public static Backbone create(BackboneSpec spec) {
        Initializer kaiming = Initializers.kaimingNormalFanOut();
        SequentialBlock trunk = new SequentialBlock();
        for (int channels : STAGE_CHANNELS) {
            trunk.add(Layers.conv(channels, 3, 1, 1, 1, false, kaiming));
            trunk.add(Layers.batchNorm());
            trunk.add(new PReLU(channels));
            trunk.add(Layers.maxPool(2, 2));
        }
        trunk.add(Layers.flatten());
        return new Backbone(spec, trunk, Layers.linear(spec.embeddingDim(), true, Initializers.torchDefaultWeight(),
                Initializer.ZEROS));
    }
}
