package dev.hypersphere.face.pack;

import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.validate.Inputs;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How photos become a face pack.
 *
 * @param detector       YuNet {@code .onnx}
 * @param policy         several faces in one photo: {@code LARGEST}, {@code CENTRAL} or {@code FAIL} ({@code ALL}
 *                       would give one identity's label to strangers in the background)
 * @param scoreThreshold detections scoring below it are not faces
 * @param template       alignment template ({@code arcface-112x112}, {@code sphereface-112x96})
 * @param height, width  size of the aligned crops (the template scaled to it)
 * @param minFaceSize    a chosen face whose box's shorter side is below this (pixels of the photo) is "too small"
 * @param minImages      identities left with fewer aligned faces are dropped (1 keeps every identity)
 * @param maxSide        photos whose longer side exceeds this are subsampled while decoding (no huge images in memory)
 * @param threads        parallel workers, each with its own detector session
 */
public record FacePackOptions(Path detector, MultiFacePolicy policy, float scoreThreshold, String template, int height,
                              int width, int minFaceSize, int minImages, int maxSide, int threads) {

    public static final int DEFAULT_MAX_SIDE = 2048;

    public FacePackOptions {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(policy, "policy");
        if (policy == MultiFacePolicy.ALL) {
            throw new IllegalArgumentException("a face pack keeps one face per photo: --faces must be largest, central or fail");
        }
        if (!(scoreThreshold >= 0f && scoreThreshold <= 1f)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], got " + scoreThreshold);
        }
        template = FaceTemplate.parse(template).id();
        Inputs.requireAtLeast("height", height, 8);
        Inputs.requireAtLeast("width", width, 8);
        Inputs.requireAtLeast("minimum face size", minFaceSize, 0);
        Inputs.requireAtLeast("minimum images per identity", minImages, 1);
        Inputs.requireAtLeast("maximum side", maxSide, 64);
        Inputs.requireAtLeast("threads", threads, 1);
    }

    /** Central face, score ≥ 0.6, ArcFace 112×112, faces of at least 20 px, identities with ≥ 2 images, all cores. */
    public static FacePackOptions defaults(Path detector) {
        return new FacePackOptions(detector, MultiFacePolicy.CENTRAL, 0.6f, FaceTemplate.ARCFACE_112X112.id(), 112, 112,
                20, 2, DEFAULT_MAX_SIDE, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public FacePackOptions withSize(int h, int w) {
        return new FacePackOptions(detector, policy, scoreThreshold, template, h, w, minFaceSize, minImages, maxSide, threads);
    }

    public FacePackOptions withMinImages(int n) {
        return new FacePackOptions(detector, policy, scoreThreshold, template, height, width, minFaceSize, n, maxSide, threads);
    }

    public FacePackOptions withThreads(int n) {
        return new FacePackOptions(detector, policy, scoreThreshold, template, height, width, minFaceSize, minImages, maxSide, n);
    }

    public FacePackOptions withPolicy(MultiFacePolicy p) {
        return new FacePackOptions(detector, p, scoreThreshold, template, height, width, minFaceSize, minImages, maxSide, threads);
    }

    public FacePackOptions withMinFaceSize(int px) {
        return new FacePackOptions(detector, policy, scoreThreshold, template, height, width, px, minImages, maxSide, threads);
    }
}
