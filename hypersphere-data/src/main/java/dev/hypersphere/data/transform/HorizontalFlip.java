package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/** Mirrors the image left–right with the given probability (one uniform draw per sample, always made). */
public record HorizontalFlip(double probability) implements Transform {

    public HorizontalFlip {
        Inputs.requireInRange("flip probability", probability, 0, 1, "");
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        if (!(random.nextDouble() < probability)) {
            return s;
        }
        return Transform.reshaped(s, flip(s.pixels(), s.channels(), s.height(), s.width()), s.channels(), s.height(), s.width());
    }

    /** The CHW pixels mirrored left–right. */
    public static float[] flip(float[] pixels, int channels, int height, int width) {
        float[] out = new float[pixels.length];
        for (int row = 0; row < channels * height; row++) {
            int base = row * width;
            for (int x = 0; x < width; x++) {
                out[base + x] = pixels[base + width - 1 - x];
            }
        }
        return out;
    }
}
