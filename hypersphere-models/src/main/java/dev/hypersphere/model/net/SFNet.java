package dev.hypersphere.model.net;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.layer.Initializers;
import dev.hypersphere.model.layer.Layers;
import dev.hypersphere.model.layer.PReLU;
import dev.hypersphere.model.layer.Residual;
import java.util.List;

/**
 * SphereFace's residual networks (Liu et al. 2017, Table 2); with units [1, 2, 4, 1] the 20-layer SFNet-20.
 * Four stages of 64, 128, 256 and 512 channels, each a stride-2 3×3 convolution + PReLU followed by residual
 * units of two 3×3 convolutions + PReLU each ({@code x + prelu(conv(prelu(conv(x))))}); then a fully connected
 * layer to the embedding. Convolutions have biases and the trunk has no batch norm, as the paper's Caffe model
 * and sphereface_pytorch's {@code sphere20a}. (OpenSphere's {@code sfnet20} is a later variant with ReLU, an
 * activation after the residual addition and optional batch norm; we follow the paper.)
 *
 * <p>Initialisation as the Caffe model: stride-2 convolutions and the FC with Caffe's xavier filler, the
 * convolutions inside residual units N(0, 0.01²), zero biases, PReLU slopes 0.25. For 112×96 input the last map
 * is 512×7×6, for 112×112 it is 512×7×7.
 */
public final class SFNet {

    private static final int[] STAGE_CHANNELS = {64, 128, 256, 512};
    private static final double UNIT_WEIGHT_STD = 0.01;

    private SFNet() {}

    /** @param unitsPerStage residual units in each of the four stages ([1, 2, 4, 1] for SFNet-20) */
    public static Backbone create(BackboneSpec spec, List<Integer> unitsPerStage) {
        Initializer xavier = Initializers.caffeXavier();
        Initializer unitInit = Initializers.normal(UNIT_WEIGHT_STD);
        SequentialBlock trunk = new SequentialBlock();
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            int channels = STAGE_CHANNELS[stage];
            trunk.add(Layers.conv(channels, 3, 2, 1, 1, true, xavier));
            trunk.add(new PReLU(channels));
            for (int u = 0; u < unitsPerStage.get(stage); u++) {
                trunk.add(new Residual(new SequentialBlock()
                        .add(Layers.conv(channels, 3, 1, 1, 1, true, unitInit))
                        .add(new PReLU(channels))
                        .add(Layers.conv(channels, 3, 1, 1, 1, true, unitInit))
                        .add(new PReLU(channels))));
            }
        }
        trunk.add(Layers.flatten());
        return new Backbone(spec, trunk, Layers.linear(spec.embeddingDim(), true, xavier, Initializer.ZEROS));
    }
}
