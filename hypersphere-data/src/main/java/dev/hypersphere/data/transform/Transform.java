package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import java.util.SplittableRandom;

/**
 * One preprocessing step on a decoded sample (CHW floats). Random steps draw only from the {@code random} they are
 * given, which the {@link Pipeline} seeds from (seed, epoch, sample index); deterministic steps ignore it.
 * Implementations never write into their input's pixels.
 */
@FunctionalInterface
public interface Transform {

    Sample apply(Sample sample, SplittableRandom random);

    /** The same sample with other pixels and shape (label and source kept). */
    static Sample reshaped(Sample sample, float[] pixels, int channels, int height, int width) {
        return new Sample(pixels, channels, height, width, sample.label(), sample.source());
    }
}
