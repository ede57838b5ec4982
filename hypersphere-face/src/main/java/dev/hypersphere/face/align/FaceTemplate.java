package dev.hypersphere.face.align;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the five landmarks (right eye, left eye, nose tip, right mouth corner, left mouth corner; the person's
 * right is on the image's left) sit in an aligned face crop.
 */
public enum FaceTemplate {
    /**
     * insightface's {@code arcface_dst} (python-package/insightface/utils/face_align.py), the crop every ArcFace
     * model is trained on: (38.2946, 51.6963), (73.5318, 51.5014), (56.0252, 71.7366), (41.5493, 92.3655),
     * (70.7299, 92.2041) in a 112×112 image.
     */
    ARCFACE_112X112("arcface-112x112", 112, 112, new double[] {
        38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041}),
    /**
     * SphereFace's crop (sphereface's preprocess/code/face_align_demo.m, {@code coord5points}): (30.2946, 51.6963),
     * (65.5318, 51.5014), (48.0252, 71.7366), (33.5493, 92.3655), (62.7299, 92.2041) in a 112×96 (H×W) image —
     * the ArcFace points 8 px to the left.
     */
    SPHEREFACE_112X96("sphereface-112x96", 112, 96, new double[] {
        30.2946, 51.6963, 65.5318, 51.5014, 48.0252, 71.7366, 33.5493, 92.3655, 62.7299, 92.2041});

    private final String id;
    private final int height;
    private final int width;
    private final double[] points;

    FaceTemplate(String id, int height, int width, double[] points) {
        this.id = id;
        this.height = height;
        this.width = width;
        this.points = points;
    }

    /** The name options use ({@code arcface-112x112}). */
    public String id() {
        return id;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The five points as x0, y0, …, x4, y4 (a copy). */
    public double[] points() {
        return points.clone();
    }

    public static FaceTemplate parse(String id) {
        List<String> names = new ArrayList<>();
        for (FaceTemplate t : values()) {
            if (t.id.equalsIgnoreCase(id.trim())) {
                return t;
            }
            names.add(t.id);
        }
        throw new IllegalArgumentException("template must be one of " + String.join(", ", names) + ", got '" + id + "'");
    }
}
