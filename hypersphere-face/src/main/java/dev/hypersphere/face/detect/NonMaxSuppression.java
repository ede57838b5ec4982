package dev.hypersphere.face.detect;

import dev.hypersphere.face.DetectedFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression (as OpenCV's {@code NMSBoxes}): boxes by descending score, each kept unless its
 * intersection over union with a box already kept exceeds the threshold.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {}

    public static List<DetectedFace> apply(List<DetectedFace> candidates, float iouThreshold, int topK) {
        List<DetectedFace> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> kept = new ArrayList<>();
        for (DetectedFace face : sorted) {
            if (kept.size() >= topK) {
                break;
            }
            boolean overlaps = false;
            for (DetectedFace k : kept) {
                if (iou(face, k) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(face);
            }
        }
        return kept;
    }

    /** Intersection over union of two boxes (0 when either is empty). */
    public static float iou(DetectedFace p, DetectedFace q) {
        float w = Math.min(p.x() + p.width(), q.x() + q.width()) - Math.max(p.x(), q.x());
        float h = Math.min(p.y() + p.height(), q.y() + q.height()) - Math.max(p.y(), q.y());
        if (w <= 0 || h <= 0) {
            return 0f;
        }
        float inter = w * h;
        float union = p.area() + q.area() - inter;
        return union > 0 ? inter / union : 0f;
    }
}
