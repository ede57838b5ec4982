package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.image.ChannelConversion;
import java.util.SplittableRandom;

/** Brings a sample to 1 (grey, ITU-R 601 luma) or 3 (RGB, grey replicated) channels. */
public record ChannelAdapt(int channels) implements Transform {

    public ChannelAdapt {
        ChannelConversion.requireChannels("channels", channels);
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        if (s.channels() == channels) {
            return s;
        }
        if (s.channels() != 1 && s.channels() != 3) {
            throw new IllegalArgumentException(s.source() + ": cannot adapt " + s.channels() + " channels to " + channels);
        }
        int plane = s.height() * s.width();
        return Transform.reshaped(s, ChannelConversion.convert(s.pixels(), s.channels(), channels, plane), channels,
                s.height(), s.width());
    }
}
