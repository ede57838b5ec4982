package dev.hypersphere.face.detect;

import dev.hypersphere.face.DetectedFace;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns YuNet's raw heads into faces, as libfacedetection and OpenCV's {@code FaceDetectorYN} decode them. For each
 * stride s ∈ {8, 16, 32} the network sees a (H/s)×(W/s) grid of anchor points, row-major; for the point at (row,
 * col): score = √(clamp(cls)·clamp(obj)) (both heads already through a sigmoid, clamped to [0, 1]); box centre =
 * ((col + dx)·s, (row + dy)·s), size = (exp(dw)·s, exp(dh)·s); landmark k = ((col + kx_k)·s, (row + ky_k)·s).
 * Coordinates are in the network input's pixels.
 */
public final class YuNetDecoder {

    /** The strides of YuNet's three heads, in output order. */
    public static final int[] STRIDES = {8, 16, 32};

    private YuNetDecoder() {}

    /** One stride's outputs: cls and obj (one value per point), bbox (4), kps (10). */
    public record Head(int stride, float[] cls, float[] obj, float[] bbox, float[] kps) {}

    /**
     * Faces scoring at least {@code threshold} in a padded input of {@code height}×{@code width} (multiples of 32).
     *
     * @throws IllegalArgumentException if a head's size does not match the grid
     */
    public static List<DetectedFace> decode(List<Head> heads, int height, int width, float threshold) {
        List<DetectedFace> faces = new ArrayList<>();
        for (Head head : heads) {
            int s = head.stride;
            int rows = height / s;
            int cols = width / s;
            int points = rows * cols;
            if (head.cls.length != points || head.obj.length != points || head.bbox.length != 4 * points
                    || head.kps.length != 10 * points) {
                throw new IllegalArgumentException("YuNet head of stride " + s + ": expected " + points + " points for a "
                        + height + "×" + width + " input (cls " + points + ", bbox " + 4 * points + ", kps " + 10 * points
                        + " values), found cls " + head.cls.length + ", obj " + head.obj.length + ", bbox "
                        + head.bbox.length + ", kps " + head.kps.length);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    float score = (float) Math.sqrt(clamp(head.cls[i]) * clamp(head.obj[i]));
                    if (!(score >= threshold)) {
                        continue;
                    }
                    float cx = (c + head.bbox[4 * i]) * s;
                    float cy = (r + head.bbox[4 * i + 1]) * s;
                    float w = (float) Math.exp(head.bbox[4 * i + 2]) * s;
                    float h = (float) Math.exp(head.bbox[4 * i + 3]) * s;
                    float[] landmarks = new float[10];
                    for (int k = 0; k < 5; k++) {
                        landmarks[2 * k] = (c + head.kps[10 * i + 2 * k]) * s;
                        landmarks[2 * k + 1] = (r + head.kps[10 * i + 2 * k + 1]) * s;
                    }
                    faces.add(new DetectedFace(cx - w / 2, cy - h / 2, w, h, score, landmarks));
                }
            }
        }
        return faces;
    }

    private static double clamp(float v) {
        return v >= 1f ? 1.0 : v > 0f ? v : 0.0;   // NaN → 0
    }
}
