package dev.hypersphere.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Opening ONNX models with ONNX Runtime (CPU, in-process natives from the onnxruntime jar, warnings off). */
public final class OnnxModels {

    private OnnxModels() {}

    /** The process-wide runtime environment (ONNX Runtime allows one). */
    public static synchronized OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "hypersphere");
    }

    /**
     * A session on {@code model}; {@code threads} = intra-op threads (0: ONNX Runtime's default, one per core). A
     * missing file or one ONNX Runtime cannot load is an IOException naming it.
     */
    public static OrtSession open(Path model, int threads) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException(model + ": no such model file");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(0, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IOException(model + ": not a model ONNX Runtime can load (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** The shape of a tensor input or output ({@code -1} for a dynamic dimension), or null if it is not a tensor. */
    public static long[] shape(NodeInfo node) {
        return node.getInfo() instanceof TensorInfo tensor ? tensor.getShape() : null;
    }

    /** "name [1, 3, 112, 112]" for every node, for error messages. */
    public static String describe(Map<String, NodeInfo> nodes) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, NodeInfo> e : nodes.entrySet()) {
            long[] shape = shape(e.getValue());
            text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                    .append(shape == null ? "(not a tensor)" : Arrays.toString(shape).replace("-1", "?"));
        }
        return text.toString();
    }

    public static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
