package dev.hypersphere.data;

/**
 * One labelled example as a source yields it: a decoded image in CHW order with raw values in [0, 255] (or any
 * float vector, with height = width = 1), its class index, and where it came from (a path, a record key…).
 */
public record Sample(float[] pixels, int channels, int height, int width, int label, String source) {

    public Sample {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " values do not fill " + channels + "×"
                    + height + "×" + width);
        }
    }
}
