package dev.hypersphere.face;

import java.util.Comparator;
import java.util.List;

/** Which of an image's detected faces a {@link MultiFacePolicy} keeps: shared by the pipeline and the packer. */
public final class FaceChoice {

    private FaceChoice() {}

    /**
     * The faces kept (all of them when there are none or one).
     *
     * @param where the image, for the {@code FAIL} message
     * @throws IllegalArgumentException under {@code FAIL} with more than one face
     */
    public static List<DetectedFace> choose(List<DetectedFace> faces, MultiFacePolicy policy, int imageWidth,
            int imageHeight, String where) {
        if (faces.size() <= 1) {
            return faces;
        }
        return switch (policy) {
            case ALL -> faces;
            case LARGEST -> List.of(faces.stream().max(Comparator.comparingDouble(DetectedFace::area)).orElseThrow());
            case CENTRAL -> List.of(faces.stream().min(Comparator.comparingDouble(
                    (DetectedFace f) -> distanceToCentre(f, imageWidth, imageHeight))).orElseThrow());
            case FAIL -> throw new IllegalArgumentException(where + ": " + faces.size()
                    + " faces found, expected at most one (policy fail; use largest, central or all)");
        };
    }

    private static double distanceToCentre(DetectedFace face, int width, int height) {
        return Math.hypot(face.centreX() - width / 2.0, face.centreY() - height / 2.0);
    }
}
