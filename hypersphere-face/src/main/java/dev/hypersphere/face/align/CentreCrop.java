package dev.hypersphere.face.align;

import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.RgbImage;

/**
 * The fallback when no face is found in a photo that is known to show one near its centre (LFW's protocol counts
 * every pair, so the reference pipelines embed a centre crop rather than drop the image): a centred square whose side
 * is {@link #SIDE_FRACTION} of the image's shorter side, resized to the embedder's input.
 */
public final class CentreCrop {

    /**
     * Side of the square as a fraction of the shorter image side: the median size of the ArcFace-aligned crop (the
     * template's 112 px mapped back into the photo by the eyes' distance) over the 13,233 LFW photos, 0.558 (10th to
     * 90th percentile 0.47–0.62; from {@code face pack}'s landmarks table).
     */
    public static final double SIDE_FRACTION = 0.56;

    private CentreCrop() {}

    /** The box the fallback crops, as a detection with score 0 and no landmarks. */
    public static DetectedFace box(int width, int height) {
        float side = (float) (SIDE_FRACTION * Math.min(width, height));
        return new DetectedFace((width - side) / 2f, (height - side) / 2f, side, side, 0f, new float[0]);
    }

    /** The centre square resized to outH×outW (3 planes), in one bilinear resampling. */
    public static float[] crop(RgbImage image, int outHeight, int outWidth) {
        DetectedFace box = box(image.width(), image.height());
        double sx = box.width() / outWidth;
        double sy = box.height() / outHeight;
        return AffineWarp.warp(image.planes(), 3, image.height(), image.width(), pixelCentred(box, sx, sy), outHeight, outWidth);
    }

    /** Image → output matrix with half-pixel centres: out = (in + ½ − box)/s − ½. */
    private static double[] pixelCentred(DetectedFace box, double sx, double sy) {
        return new double[] {1 / sx, 0, (0.5 - box.x()) / sx - 0.5, 0, 1 / sy, (0.5 - box.y()) / sy - 0.5};
    }
}
