package dev.hypersphere.cli;

import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.align.FaceTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The face pipeline's options, shared by every command that turns face photos into embeddings ({@code face},
 * {@code gallery}, {@code identify}, {@code verify}): {@code @Mixin FacePipelineMixin face;} then {@code face.options()}.
 */
public final class FacePipelineMixin {

    /** Environment variable naming the default YuNet model. */
    public static final String DETECTOR_SETTING = "HYPERSPHERE_DETECTOR";

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "The embedder: a run folder (train/demo output) or an ONNX face-embedding model (.onnx, "
                    + "preprocessing in MODEL.onnx.json beside it; insightface's defaults without).")
    Path model;

    @Option(names = "--detector", paramLabel = "PATH",
            description = "YuNet face detector (.onnx). Default: $" + DETECTOR_SETTING + "; if unset, no detection (the images are face crops).")
    Path detector;

    @Option(names = "--no-detect", description = "Take every image as a face crop and resize it whole (no detection or alignment).")
    boolean noDetect;

    @Option(names = "--faces", defaultValue = "largest", paramLabel = "POLICY",
            description = "Several faces in one image: largest, central (nearest the image centre), all, or fail (default ${DEFAULT-VALUE}).")
    String faces;

    @Option(names = "--score-threshold", defaultValue = "0.6", paramLabel = "S",
            description = "Detections scoring below S are dropped (0..1, default ${DEFAULT-VALUE}).")
    float scoreThreshold;

    @Option(names = "--flip", description = "Flip-test fusion: embed each face and its mirror image, sum, normalise.")
    boolean flip;

    @Option(names = "--template", defaultValue = "arcface-112x112", paramLabel = "NAME",
            description = "Alignment template: arcface-112x112 or sphereface-112x96 (default ${DEFAULT-VALUE}).")
    String template;

    /** The options given, the detector resolved from --detector, --no-detect and the environment. */
    public FacePipelineOptions options() {
        return new FacePipelineOptions(model, detector(), MultiFacePolicy.parse(faces), scoreThreshold, flip,
                FaceTemplate.parse(template).id());
    }

    /** The detector model to use, or null for none. */
    public Path detector() {
        return detector(detector, noDetect);
    }

    /**
     * The detector from {@code --detector} and {@code --no-detect} as given (either may be absent), else from
     * ${@value #DETECTOR_SETTING}; null for none.
     */
    static Path detector(Path detector, boolean noDetect) {
        if (noDetect) {
            if (detector != null) {
                throw new IllegalArgumentException("--detector and --no-detect exclude each other");
            }
            return null;
        }
        if (detector != null) {
            return detector;
        }
        String configured = System.getenv(DETECTOR_SETTING);
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path path = Path.of(configured);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("$" + DETECTOR_SETTING + " names " + path + ", which is not a file");
        }
        return path;
    }
}
