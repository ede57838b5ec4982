package dev.hypersphere.face.detect;

import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.RgbImage;
import java.util.List;

/** Finds faces (boxes, scores, five landmarks) in an image, in the image's pixel coordinates. */
public interface FaceDetector extends AutoCloseable {

    /** Faces scoring at least {@code scoreThreshold}, after non-maximum suppression, by descending score. */
    List<DetectedFace> detect(RgbImage image, float scoreThreshold);

    @Override
    void close();
}
