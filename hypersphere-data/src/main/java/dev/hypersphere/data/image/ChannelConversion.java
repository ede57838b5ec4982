package dev.hypersphere.data.image;

/**
 * Converts planar (CHW) pixels between grey and RGB: grey is replicated into three channels; RGB becomes grey by
 * ITU-R BT.601 luma, Y = 0.299 R + 0.587 G + 0.114 B (the weights of PIL's {@code convert("L")} and OpenCV's
 * {@code COLOR_RGB2GRAY}), kept as a float rather than rounded.
 */
public final class ChannelConversion {

    public static final double LUMA_R = 0.299;
    public static final double LUMA_G = 0.587;
    public static final double LUMA_B = 0.114;

    private ChannelConversion() {}

    /**
     * {@code pixels} (CHW, {@code from} channels of {@code plane} values each) as {@code to} channels. Returns the
     * same array when nothing changes. Only 1 ↔ 3 is defined.
     */
    public static float[] convert(float[] pixels, int from, int to, int plane) {
        if (from == to) {
            return pixels;
        }
        if (from == 1 && to == 3) {
            float[] rgb = new float[3 * plane];
            System.arraycopy(pixels, 0, rgb, 0, plane);
            System.arraycopy(pixels, 0, rgb, plane, plane);
            System.arraycopy(pixels, 0, rgb, 2 * plane, plane);
            return rgb;
        }
        if (from == 3 && to == 1) {
            float[] grey = new float[plane];
            for (int i = 0; i < plane; i++) {
                grey[i] = (float) (LUMA_R * pixels[i] + LUMA_G * pixels[plane + i] + LUMA_B * pixels[2 * plane + i]);
            }
            return grey;
        }
        throw new IllegalArgumentException("channels: can convert only between 1 (grey) and 3 (RGB), not " + from + " → " + to);
    }

    /** Checks a requested channel count. */
    public static int requireChannels(String name, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(name + " must be 1 (grey) or 3 (RGB), got " + channels);
        }
        return channels;
    }
}
