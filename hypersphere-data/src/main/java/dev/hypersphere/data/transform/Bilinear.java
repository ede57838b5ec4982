package dev.hypersphere.data.transform;

/**
 * Bilinear resampling with half-pixel centres and edge clamping, without anti-aliasing: the convention of
 * OpenCV's {@code INTER_LINEAR} (what insightface uses) and of PyTorch's {@code F.interpolate(mode="bilinear",
 * align_corners=False)}. Output pixel (y, x) samples the source at ((y + ½)·h/H − ½, (x + ½)·w/W − ½), negative
 * coordinates clamped to 0.
 */
public final class Bilinear {

    private Bilinear() {}

    /** Resizes CHW {@code pixels} of size h×w to outH×outW. */
    public static float[] resize(float[] pixels, int channels, int height, int width, int outHeight, int outWidth) {
        return resizeWindow(pixels, channels, height, width, 0, 0, height, width, outHeight, outWidth);
    }

    /**
     * Crops the window (top, left, windowH, windowW) and resizes it to outH×outW in one pass; samples never reach
     * outside the window (as cropping first and resizing the crop).
     */
    public static float[] resizeWindow(float[] pixels, int channels, int height, int width, int top, int left,
                                       int windowHeight, int windowWidth, int outHeight, int outWidth) {
        if (top < 0 || left < 0 || windowHeight <= 0 || windowWidth <= 0 || top + windowHeight > height
                || left + windowWidth > width) {
            throw new IllegalArgumentException("crop window (" + top + ", " + left + ", " + windowHeight + "×" + windowWidth
                    + ") is outside the " + height + "×" + width + " image");
        }
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outHeight + "×" + outWidth);
        }
        int[] y0 = new int[outHeight];
        int[] y1 = new int[outHeight];
        float[] wy = new float[outHeight];
        axis(windowHeight, outHeight, top, y0, y1, wy);
        int[] x0 = new int[outWidth];
        int[] x1 = new int[outWidth];
        float[] wx = new float[outWidth];
        axis(windowWidth, outWidth, left, x0, x1, wx);
        float[] out = new float[channels * outHeight * outWidth];
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int in = c * plane;
            int o = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                int row0 = in + y0[y] * width;
                int row1 = in + y1[y] * width;
                float fy = wy[y];
                for (int x = 0; x < outWidth; x++) {
                    float top0 = pixels[row0 + x0[x]];
                    float top1 = pixels[row0 + x1[x]];
                    float bottom0 = pixels[row1 + x0[x]];
                    float bottom1 = pixels[row1 + x1[x]];
                    float upper = top0 + (top1 - top0) * wx[x];
                    float lower = bottom0 + (bottom1 - bottom0) * wx[x];
                    out[o++] = upper + (lower - upper) * fy;
                }
            }
        }
        return out;
    }

    /** Source indices and weights along one axis (computed in double, as the references do). */
    private static void axis(int in, int out, int offset, int[] lo, int[] hi, float[] weight) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double source = Math.max(0.0, (i + 0.5) * scale - 0.5);
            int low = Math.min((int) source, in - 1);
            lo[i] = offset + low;
            hi[i] = offset + Math.min(low + 1, in - 1);
            weight[i] = (float) (source - low);
        }
    }
}
