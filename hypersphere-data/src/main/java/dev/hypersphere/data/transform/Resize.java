package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/** Bilinear resize to height×width (see {@link Bilinear}); a sample already that size passes unchanged. */
public record Resize(int height, int width) implements Transform {

    public Resize {
        Inputs.requireAtLeast("resize height", height, 1);
        Inputs.requireAtLeast("resize width", width, 1);
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        if (s.height() == height && s.width() == width) {
            return s;
        }
        return Transform.reshaped(s, Bilinear.resize(s.pixels(), s.channels(), s.height(), s.width(), height, width),
                s.channels(), height, width);
    }
}
