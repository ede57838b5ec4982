package dev.hypersphere.face.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an embedder from a path: a run folder (holds model.json) or an ONNX model file. */
public final class FaceEmbedders {

    private FaceEmbedders() {}

    public static FaceEmbedder open(Path model) throws IOException {
        return open(model, 0);
    }

    /** {@code threads}: ONNX Runtime intra-op threads (0 = its default); run folders use the engine's setting. */
    public static FaceEmbedder open(Path model, int threads) throws IOException {
        if (Files.isDirectory(model)) {
            if (!Files.isRegularFile(model.resolve("model.json"))) {
                throw new IOException(model + ": not a run folder (no model.json) and not an .onnx model");
            }
            return RunFolderFaceEmbedder.open(model);
        }
        if (!Files.exists(model)) {
            throw new IOException(model + ": no such model (expected a run folder or an .onnx file)");
        }
        return OnnxFaceEmbedder.open(model, threads);
    }
}
