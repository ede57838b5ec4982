package dev.hypersphere.data.image;

import java.util.Objects;

/**
 * How image sources decode: the output channel count (1 grey or 3 RGB, whatever the files hold) and what to do
 * with files that do not decode.
 */
public record ImageOptions(int channels, BadImagePolicy onBadImage) {

    public ImageOptions {
        ChannelConversion.requireChannels("channels", channels);
        Objects.requireNonNull(onBadImage, "onBadImage");
    }

    /** Three-channel RGB, failing on bad files. */
    public static ImageOptions rgb() {
        return new ImageOptions(3, BadImagePolicy.FAIL);
    }

    /** One-channel grey, failing on bad files. */
    public static ImageOptions grey() {
        return new ImageOptions(1, BadImagePolicy.FAIL);
    }

    public static ImageOptions of(int channels) {
        return new ImageOptions(channels, BadImagePolicy.FAIL);
    }

    public ImageOptions withPolicy(BadImagePolicy policy) {
        return new ImageOptions(channels, policy);
    }
}
