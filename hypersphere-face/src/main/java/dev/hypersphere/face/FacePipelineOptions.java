package dev.hypersphere.face;

import dev.hypersphere.face.align.FaceTemplate;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link FacePipeline} is built.
 *
 * @param embedder       a run folder (holds model.json) or an ONNX face-embedding model ({@code .onnx})
 * @param detector       a YuNet {@code .onnx}, or null: the images are already face crops and are resized whole
 * @param policy         what to do with several faces in one image
 * @param scoreThreshold detections scoring below it are dropped (YuNet's score, 0..1)
 * @param flipFusion     embed each crop and its mirror image, sum, normalise
 * @param template       alignment template: {@code arcface-112x112} or {@code sphereface-112x96}
 * @param centreCropFallback where the detector finds no face, embed the image's centre crop ({@link
 *                       dev.hypersphere.face.align.CentreCrop}; its detection has score 0 and no landmarks) instead
 *                       of reporting no face: what verification protocols such as LFW's need, as every pair counts
 */
public record FacePipelineOptions(Path embedder, Path detector, MultiFacePolicy policy, float scoreThreshold,
                                  boolean flipFusion, String template, boolean centreCropFallback) {

    public static final float DEFAULT_SCORE_THRESHOLD = 0.6f;

    public FacePipelineOptions {
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(policy, "policy");
        if (!(scoreThreshold >= 0f && scoreThreshold <= 1f)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], got " + scoreThreshold);
        }
        template = template == null ? FaceTemplate.ARCFACE_112X112.id() : template;
        FaceTemplate.parse(template);   // validates
    }

    /** Without the centre-crop fallback. */
    public FacePipelineOptions(Path embedder, Path detector, MultiFacePolicy policy, float scoreThreshold,
                               boolean flipFusion, String template) {
        this(embedder, detector, policy, scoreThreshold, flipFusion, template, false);
    }

    /** Largest face, score ≥ 0.6, no flip fusion, ArcFace 112×112 template. */
    public static FacePipelineOptions defaults(Path embedder, Path detector) {
        return new FacePipelineOptions(embedder, detector, MultiFacePolicy.LARGEST, DEFAULT_SCORE_THRESHOLD, false,
                FaceTemplate.ARCFACE_112X112.id());
    }

    public FacePipelineOptions withPolicy(MultiFacePolicy newPolicy) {
        return new FacePipelineOptions(embedder, detector, newPolicy, scoreThreshold, flipFusion, template, centreCropFallback);
    }

    public FacePipelineOptions withFlipFusion(boolean flip) {
        return new FacePipelineOptions(embedder, detector, policy, scoreThreshold, flip, template, centreCropFallback);
    }

    public FacePipelineOptions withCentreCropFallback(boolean fallback) {
        return new FacePipelineOptions(embedder, detector, policy, scoreThreshold, flipFusion, template, fallback);
    }

    public FacePipelineOptions withTemplate(String newTemplate) {
        return new FacePipelineOptions(embedder, detector, policy, scoreThreshold, flipFusion, newTemplate, centreCropFallback);
    }
}
