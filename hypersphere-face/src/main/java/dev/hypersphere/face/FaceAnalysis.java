package dev.hypersphere.face;

import java.nio.file.Path;
import java.util.List;

/** Result for one image; {@code faces} empty = "no face found" (not an error). */
public record FaceAnalysis(Path image, List<Face> faces) {

    public FaceAnalysis {
        faces = List.copyOf(faces);
    }
}
