package dev.hypersphere.model.layer;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * The weight initialisations the reference implementations use, spelled with DJL's initializers. Fan-in and
 * fan-out are PyTorch's: for a convolution weight (out, in/groups, kh, kw) fan-in = in/groups·kh·kw and
 * fan-out = out·kh·kw; for a linear weight (out, in) fan-in = in and fan-out = out.
 */
public final class Initializers {

    private Initializers() {}

    /** N(0, std²): insightface's IResNet convolutions ({@code nn.init.normal_(w, 0, 0.1)}). */
    public static Initializer normal(double std) {
        return new NormalInitializer((float) std);
    }

    /** N(0, 2/fan-out): {@code nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')} (MobileFaceNet). */
    public static Initializer kaimingNormalFanOut() {
        return new XavierInitializer(RandomType.GAUSSIAN, FactorType.OUT, 2f);
    }

    /** U(±√(3/fan-in)): Caffe's {@code xavier} filler (SphereFace, Center loss). */
    public static Initializer caffeXavier() {
        return new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 3f);
    }

    /**
     * U(±√(1/fan-in)): PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d} weights
     * ({@code kaiming_uniform_(w, a=√5)}).
     */
    public static Initializer torchDefaultWeight() {
        return new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1f);
    }

    /** U(±bound): PyTorch's default bias uses bound = 1/√fan-in of the layer's weight. */
    public static Initializer uniform(double bound) {
        return new UniformInitializer((float) bound);
    }
}
