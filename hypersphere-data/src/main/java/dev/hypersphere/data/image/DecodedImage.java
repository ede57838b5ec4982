package dev.hypersphere.data.image;

import dev.hypersphere.data.Sample;

/** Decoded pixels in CHW order with values in [0, 255]. */
public record DecodedImage(float[] pixels, int channels, int height, int width) {

    public DecodedImage {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " values do not fill " + channels + "×" + height + "×" + width);
        }
    }

    public Sample toSample(int label, String source) {
        return new Sample(pixels, channels, height, width, label, source);
    }

    /** The same image with {@code target} channels (1 ↔ 3; see {@link ChannelConversion}). */
    public DecodedImage withChannels(int target) {
        return target == channels ? this
                : new DecodedImage(ChannelConversion.convert(pixels, channels, target, height * width), target, height, width);
    }
}
