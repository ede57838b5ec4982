package dev.hypersphere.face.align;

import dev.hypersphere.data.transform.Bilinear;
import dev.hypersphere.face.RgbImage;

/** Face crops for an embedder: landmark alignment to a template, whole-image resizing, channel and mirror helpers. */
public final class FaceAligner {

    private FaceAligner() {}

    /** The similarity that takes the five landmarks (x, y × 5, YuNet's order) onto the template's points. */
    public static Similarity transform(float[] landmarks, FaceTemplate template) {
        if (landmarks.length != 10) {
            throw new IllegalArgumentException("alignment needs 5 landmarks (10 values), got " + landmarks.length + " values");
        }
        return Umeyama.estimate(landmarks, template.points());
    }

    /** The aligned crop at the template's own size (3×H×W). */
    public static RgbImage align(RgbImage image, float[] landmarks, FaceTemplate template) {
        return new RgbImage(template.width(), template.height(),
                align(image, landmarks, template, template.height(), template.width()));
    }

    /**
     * The aligned crop resampled at outH×outW (3 planes): the template crop, resized as {@link Bilinear} would
     * (half-pixel centres), done in one resampling by composing the resize into the similarity.
     */
    public static float[] align(RgbImage image, float[] landmarks, FaceTemplate template, int outHeight, int outWidth) {
        double[] m = transform(landmarks, template).matrix();
        if (outHeight != template.height() || outWidth != template.width()) {
            double sx = (double) outWidth / template.width();
            double sy = (double) outHeight / template.height();
            // out = s·(template + ½) − ½
            m = new double[] {sx * m[0], sx * m[1], sx * m[2] + 0.5 * sx - 0.5, sy * m[3], sy * m[4], sy * m[5] + 0.5 * sy - 0.5};
        }
        return AffineWarp.warp(image.planes(), 3, image.height(), image.width(), m, outHeight, outWidth);
    }

    /** The whole image resized to outH×outW (3 planes; for images that are already face crops). */
    public static float[] resizeWhole(RgbImage image, int outHeight, int outWidth) {
        if (image.height() == outHeight && image.width() == outWidth) {
            return image.planes().clone();
        }
        return Bilinear.resize(image.planes(), 3, image.height(), image.width(), outHeight, outWidth);
    }

    /** Three planes kept (channels 3) or averaged into one (channels 1: the mean of R, G and B). */
    public static float[] channels(float[] rgb, int channels) {
        if (channels == 3) {
            return rgb;
        }
        if (channels != 1) {
            throw new IllegalArgumentException("embedders take 1 or 3 channels, got " + channels);
        }
        int plane = rgb.length / 3;
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = (rgb[i] + rgb[plane + i] + rgb[2 * plane + i]) / 3f;
        }
        return grey;
    }

    /** Every image of an N×C×H×W batch mirrored left to right. */
    public static float[] mirrorBatch(float[] batch, int n, int channels, int height, int width) {
        float[] out = new float[n * channels * height * width];
        int rows = n * channels * height;
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int x = 0; x < width; x++) {
                out[row + x] = batch[row + width - 1 - x];
            }
        }
        return out;
    }
}
