package dev.hypersphere.model.net;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.layer.Initializers;
import dev.hypersphere.model.layer.Layers;
import dev.hypersphere.model.layer.PReLU;
import dev.hypersphere.model.layer.Residual;

/**
 * MobileFaceNet (Chen et al. 2018) as insightface's arcface_torch {@code mbf} backbone (widened by 2, blocks
 * 1, 4, 6, 2), for 112×112 input:
 *
 * <pre>
 * conv3×3/2 → 128 + BN + PReLU                      56×56
 * conv3×3 128 → 128, 64 groups + BN + PReLU
 * bottleneck 128 → 128 (expand 128), stride 2      28×28, then 4 residual bottlenecks (expand 128)
 * bottleneck 128 → 256 (expand 256), stride 2      14×14, then 6 residual bottlenecks (expand 256)
 * bottleneck 256 → 256 (expand 512), stride 2       7×7,  then 2 residual bottlenecks (expand 256)
 * conv1×1 → 512 + BN + PReLU
 * GDC: depthwise conv7×7 (512 groups) + BN → flatten → FC 512 → d without bias
 * </pre>
 *
 * A bottleneck is conv1×1 (expand) + BN + PReLU, depthwise conv3×3 (stride) + BN + PReLU, conv1×1 (project) +
 * BN without activation. Convolutions are without bias; batch norms eps 1e-5. Initialisation as insightface:
 * convolutions and the FC Kaiming-normal on fan-out, batch norms scale 1 and shift 0, PReLU 0.25.
 *
 * <p>insightface trains the scale of this network's embedding batch norm; here, as for every backbone, it is
 * fixed at 1 (the parameter count is the same).
 */
public final class MobileFaceNet {

    private static final int SCALE = 2;
    private static final int[] RESIDUAL_BLOCKS = {4, 6, 2};

    private MobileFaceNet() {}

    public static Backbone create(BackboneSpec spec) {
        Initializer init = Initializers.kaimingNormalFanOut();
        int c1 = 64 * SCALE;
        int c2 = 128 * SCALE;
        SequentialBlock trunk = new SequentialBlock();
        convBn(trunk, c1, 3, 2, 1, 1, true, init);
        convBn(trunk, c1, 3, 1, 1, 64, true, init);
        trunk.add(bottleneck(c1, 128, 2, init));
        for (int i = 0; i < RESIDUAL_BLOCKS[0]; i++) {
            trunk.add(new Residual(bottleneck(c1, 128, 1, init)));
        }
        trunk.add(bottleneck(c2, 256, 2, init));
        for (int i = 0; i < RESIDUAL_BLOCKS[1]; i++) {
            trunk.add(new Residual(bottleneck(c2, 256, 1, init)));
        }
        trunk.add(bottleneck(c2, 512, 2, init));
        for (int i = 0; i < RESIDUAL_BLOCKS[2]; i++) {
            trunk.add(new Residual(bottleneck(c2, 256, 1, init)));
        }
        convBn(trunk, 512, 1, 1, 0, 1, true, init);
        convBn(trunk, 512, 7, 1, 0, 512, false, init); // GDC: global depthwise convolution
        trunk.add(Layers.flatten());
        return new Backbone(spec, trunk, Layers.linear(spec.embeddingDim(), false, init, null));
    }

    /** 1×1 expand + PReLU, 3×3 depthwise (stride) + PReLU, 1×1 linear projection to {@code out}. */
    private static SequentialBlock bottleneck(int out, int expanded, int stride, Initializer init) {
        SequentialBlock block = new SequentialBlock();
        convBn(block, expanded, 1, 1, 0, 1, true, init);
        convBn(block, expanded, 3, stride, 1, expanded, true, init);
        convBn(block, out, 1, 1, 0, 1, false, init);
        return block;
    }

    private static void convBn(SequentialBlock block, int filters, int kernel, int stride, int padding, int groups,
            boolean prelu, Initializer init) {
        block.add(Layers.conv(filters, kernel, stride, padding, groups, false, init)).add(Layers.batchNorm());
        if (prelu) {
            block.add(new PReLU(filters));
        }
    }
}
