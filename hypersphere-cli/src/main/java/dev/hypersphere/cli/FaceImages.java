package dev.hypersphere.cli;

import dev.hypersphere.face.Face;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the gallery, identify, verify and calibrate commands share on the image side. */
final class FaceImages {

    private FaceImages() {}

    /** The faces of {@code images} (policy applied), with a progress line when there are many. */
    static List<FaceAnalysis> analyze(FacePipeline pipeline, List<Path> images, PrintWriter err) throws IOException {
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new NoSuchFileException(image + ": no such image file");
            }
        }
        Progress progress = images.size() > 8 ? new Progress(err, "embedding faces", images.size()) : null;
        return pipeline.analyzeAll(images, progress == null ? null : progress::update);
    }

    /** The result line for an image in which the detector found no face. */
    static String noFace(Path image) {
        return "no face found in " + image;
    }

    /** A face's box and detector score, for JSON. */
    static Map<String, Object> faceJson(Face face) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("box", new float[] {face.detection().x(), face.detection().y(), face.detection().width(), face.detection().height()});
        json.put("detector_score", face.detection().score());
        return json;
    }

    /** Cosine of two unit embeddings, accumulated in float64. */
    static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    static String box(Face face) {
        return String.format(Locale.ROOT, "face at (%.0f, %.0f) %.0f×%.0f", face.detection().x(), face.detection().y(),
                face.detection().width(), face.detection().height());
    }
}
