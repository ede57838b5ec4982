package dev.hypersphere.model.net;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.layer.Initializers;
import dev.hypersphere.model.layer.Layers;
import dev.hypersphere.model.layer.PReLU;

/**
 * LeNet++, the toy network of the Center-loss paper (Wen et al. 2016, Table 1), also used for SphereFace's MNIST
 * figures: three stages of two 5×5 convolutions (32, 64, 128 filters, padding 2, with bias) each followed by a
 * per-channel PReLU, every stage closed by 2×2 max pooling; then a fully connected layer to a 2- or 3-D feature.
 *
 * <p>Initialisation as the Caffe model: Caffe's xavier filler (U(±√(3/fan-in))) for weights, zero biases,
 * PReLU slopes 0.25. (The popular PyTorch port shares one PReLU slope per layer; the paper's Caffe layers, like
 * this block, learn one per channel.)
 */
public final class LeNetPlusPlus {

    private static final int[] STAGE_CHANNELS = {32, 64, 128};

    private LeNetPlusPlus() {}

    public static Backbone create(BackboneSpec spec) {
        Initializer xavier = Initializers.caffeXavier();
        SequentialBlock trunk = new SequentialBlock();
        for (int channels : STAGE_CHANNELS) {
            for (int i = 0; i < 2; i++) {
                trunk.add(Layers.conv(channels, 5, 1, 2, 1, true, xavier));
                trunk.add(new PReLU(channels));
            }
            trunk.add(Layers.maxPool(2, 2));
        }
        trunk.add(Layers.flatten());
        return new Backbone(spec, trunk, Layers.linear(spec.embeddingDim(), true, xavier, Initializer.ZEROS));
    }
}
