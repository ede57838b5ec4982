package dev.hypersphere.face;

/**
 * A face found by the detector, in the pixel coordinates of the image it was found in (x, y: top-left corner of
 * the box). {@code landmarks} holds five (x, y) points in YuNet's order: right eye, left eye, nose tip, right
 * mouth corner, left mouth corner ("right" = the person's right, on the image's left). When the pipeline runs
 * without a detector, the box is the whole image, the score 1 and {@code landmarks} is empty.
 */
public record DetectedFace(float x, float y, float width, float height, float score, float[] landmarks) {

    /** Number of landmarks YuNet gives. */
    public static final int LANDMARKS = 5;

    public DetectedFace {
        if (landmarks == null || (landmarks.length != 2 * LANDMARKS && landmarks.length != 0)) {
            throw new IllegalArgumentException("landmarks must hold " + 2 * LANDMARKS + " values (or none), got "
                    + (landmarks == null ? "null" : landmarks.length));
        }
    }

    /** The whole image as the face (no detector: the images are already face crops). */
    public static DetectedFace wholeImage(int width, int height) {
        return new DetectedFace(0, 0, width, height, 1f, new float[0]);
    }

    public boolean hasLandmarks() {
        return landmarks.length == 2 * LANDMARKS;
    }

    public float area() {
        return width * height;
    }

    public float centreX() {
        return x + width / 2f;
    }

    public float centreY() {
        return y + height / 2f;
    }
}
