package dev.hypersphere.cli;

import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.verify.PhotoCollection;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the {@code eval} commands that embed photos themselves ({@code eval verify --images},
 * {@code eval all-pairs}): where the photos are, the face pipeline around the model (detector required unless
 * {@code --no-detect}; policy central with the centre-crop fallback, as LFW's protocols count every image) and how many
 * pipelines run side by side. The model option is the command's own.
 */
final class PhotoEvalOptions {

    @Option(names = "--prefix", paramLabel = "PATH",
            description = "The folder holding the person folders inside --images (default: found, e.g. lfw-deepfunneled/).")
    String prefix;

    @Option(names = "--detector", paramLabel = "PATH",
            description = "YuNet face detector (.onnx). Default: $" + FacePipelineMixin.DETECTOR_SETTING + "; one is required "
                    + "unless --no-detect.")
    Path detector;

    @Option(names = "--no-detect", description = "The photos are face crops: resize each whole (no detection or alignment).")
    boolean noDetect;

    @Option(names = "--score-threshold", defaultValue = "0.6", paramLabel = "S",
            description = "Detections scoring below S are dropped (0..1, default ${DEFAULT-VALUE}).")
    float scoreThreshold;

    @Option(names = "--template", defaultValue = "arcface-112x112", paramLabel = "NAME",
            description = "Alignment template: arcface-112x112 or sphereface-112x96 (default ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Face pipelines working side by side, each with its own model sessions (default: one per core).")
    int threads;

    /** The pipeline for {@code model}: the detector resolved (an error when there is none and --no-detect is not given). */
    FacePipelineOptions pipeline(Path model, boolean flipFusion) {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0: one per core), got " + threads);
        }
        Path chosen = FacePipelineMixin.detector(detector, noDetect);
        if (chosen == null && !noDetect) {
            throw new IllegalArgumentException("--images needs a face detector: give --detector YUNET.onnx or set $"
                    + FacePipelineMixin.DETECTOR_SETTING + " (or --no-detect when the photos are face crops)");
        }
        return new FacePipelineOptions(model, chosen, MultiFacePolicy.CENTRAL, scoreThreshold, flipFusion,
                FaceTemplate.parse(template).id(), chosen != null);
    }

    /** Whether the flip test is on: {@code --flip none|sum} (default sum, the pipeline's flip fusion). */
    static boolean flipFusion(String flip) {
        if (flip == null || flip.equals("sum")) {
            return true;
        }
        if (flip.equals("none")) {
            return false;
        }
        throw new IllegalArgumentException("with --images the flip test is the face pipeline's fusion: --flip sum (default) or "
                + "none, got '" + flip + "'");
    }

    /** The photo folder or archive. */
    PhotoCollection photos(Path images) throws IOException {
        return PhotoCollection.open(images, prefix);
    }
}
