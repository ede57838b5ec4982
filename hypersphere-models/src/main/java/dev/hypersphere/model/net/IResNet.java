package dev.hypersphere.model.net;

import ai.djl.nn.Block;
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
 * The improved residual networks of ArcFace (Deng et al. 2019), laid out as insightface's arcface_torch
 * {@code iresnet.py}: a conv3×3(64) + BN + PReLU stem at full resolution; four stages of 64, 128, 256 and 512
 * channels made of improved units BN → conv3×3 → BN → PReLU → conv3×3 (stride) → BN, the first unit of each
 * stage with stride 2 and a conv1×1 (stride 2) + BN shortcut; then BN2d → flatten → FC(512·7·7 → d). All
 * convolutions are without bias, all batch norms eps 1e-5, every PReLU per channel. insightface's
 * {@code dropout(p=0)} before the FC is the identity and is left out.
 *
 * <p>Initialisation as insightface: convolutions N(0, 0.1²), batch norms scale 1 and shift 0, PReLU 0.25, the
 * FC PyTorch's default (U(±1/√fan-in) for weight and bias).
 */
public final class IResNet {

    private static final int[] STAGE_CHANNELS = {64, 128, 256, 512};
    private static final int STEM_CHANNELS = 64;
    private static final double CONV_WEIGHT_STD = 0.1;

    private IResNet() {}

    /** @param unitsPerStage e.g. [3, 4, 14, 3] for IResNet-50 */
    public static Backbone create(BackboneSpec spec, List<Integer> unitsPerStage) {
        Initializer convInit = Initializers.normal(CONV_WEIGHT_STD);
        SequentialBlock trunk = new SequentialBlock()
                .add(Layers.conv(STEM_CHANNELS, 3, 1, 1, 1, false, convInit))
                .add(Layers.batchNorm())
                .add(new PReLU(STEM_CHANNELS));
        int in = STEM_CHANNELS;
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            int out = STAGE_CHANNELS[stage];
            for (int u = 0; u < unitsPerStage.get(stage); u++) {
                trunk.add(unit(in, out, u == 0 ? 2 : 1, convInit));
                in = out;
            }
        }
        trunk.add(Layers.batchNorm()).add(Layers.flatten());
        int fcInputs = 512 * 7 * 7;
        return new Backbone(spec, trunk, Layers.linear(spec.embeddingDim(), true, Initializers.torchDefaultWeight(),
                Initializers.uniform(1 / Math.sqrt(fcInputs))));
    }

    /**
     * The same units at a chosen width with a stride-2 stem, for small inputs on CPUs ({@code iresnet-lite}): the stem
     * halves the resolution so no unit runs at full resolution, where an IResNet spends most of its multiply-adds.
     */
    public static Backbone createLite(BackboneSpec spec, List<Integer> unitsPerStage, List<Integer> stageChannels) {
        Initializer convInit = Initializers.normal(CONV_WEIGHT_STD);
        int stem = stageChannels.get(0);
        SequentialBlock trunk = new SequentialBlock()
                .add(Layers.conv(stem, 3, 2, 1, 1, false, convInit))
                .add(Layers.batchNorm())
                .add(new PReLU(stem));
        int in = stem;
        for (int stage = 0; stage < stageChannels.size(); stage++) {
            int out = stageChannels.get(stage);
            for (int u = 0; u < unitsPerStage.get(stage); u++) {
                trunk.add(unit(in, out, u == 0 ? 2 : 1, convInit));
                in = out;
            }
        }
        trunk.add(Layers.batchNorm()).add(Layers.flatten());
        int fcInputs = in * (spec.height() / 32) * (spec.width() / 32);
        return new Backbone(spec, trunk, Layers.linear(spec.embeddingDim(), true, Initializers.torchDefaultWeight(),
                Initializers.uniform(1 / Math.sqrt(fcInputs))));
    }

    /** One improved unit (insightface's {@code IBasicBlock}), stride on its second convolution. */
    static Residual unit(int in, int out, int stride, Initializer convInit) {
        SequentialBlock body = new SequentialBlock()
                .add(Layers.batchNorm())
                .add(Layers.conv(out, 3, 1, 1, 1, false, convInit))
                .add(Layers.batchNorm())
                .add(new PReLU(out))
                .add(Layers.conv(out, 3, stride, 1, 1, false, convInit))
                .add(Layers.batchNorm());
        Block shortcut = null;
        if (stride != 1 || in != out) {
            shortcut = new SequentialBlock()
                    .add(Layers.conv(out, 1, stride, 0, 1, false, convInit))
                    .add(Layers.batchNorm());
        }
        return new Residual(body, shortcut);
    }
}
