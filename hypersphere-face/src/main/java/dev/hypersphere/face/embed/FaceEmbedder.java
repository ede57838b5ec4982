package dev.hypersphere.face.embed;

import dev.hypersphere.eval.embed.ImageEmbedder;

/**
 * An {@link ImageEmbedder} (N×C×H×W floats, RGB or grey, raw values 0..255 in; raw embeddings out) with a stable
 * identity: {@link #modelId()} names the model and the SHA-256 of the files that determine its output, so that
 * embeddings stored in a gallery can be told apart from those of another model.
 */
public interface FaceEmbedder extends ImageEmbedder {

    /** e.g. {@code model.onnx@sha256:…} or {@code run-name@sha256:…}. */
    String modelId();

    @Override
    void close();
}
