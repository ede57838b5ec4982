package dev.hypersphere.face.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hypersphere.face.OnnxModels;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * An ONNX face-embedding model (insightface style: input N×C×H×W, output N×d) run by ONNX Runtime, fed as its
 * {@link OnnxEmbedderSpec} says. Takes RGB (or grey) 0..255 planes like every {@link FaceEmbedder}; reorders to BGR
 * and normalises per the spec. A model whose input is not N×C×H×W with the spec's size is refused with both shapes.
 */
public final class OnnxFaceEmbedder implements FaceEmbedder {

    private final OrtSession session;
    private final Path model;
    private final OnnxEmbedderSpec spec;
    private final String input;
    private final String output;
    private final int channels;
    private final int height;
    private final int width;
    private final int fixedBatch;   // 0: any batch size
    private final int dim;
    private final String id;

    private OnnxFaceEmbedder(OrtSession session, Path model, OnnxEmbedderSpec spec, String input, String output, int channels,
                             int height, int width, int fixedBatch, int dim, String id) {
        this.session = session;
        this.model = model;
        this.spec = spec;
        this.input = input;
        this.output = output;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.fixedBatch = fixedBatch;
        this.dim = dim;
        this.id = id;
    }

    /** Opens {@code model} with the spec beside it (or insightface's defaults); {@code threads} 0 = ONNX Runtime's default. */
    public static OnnxFaceEmbedder open(Path model, int threads) throws IOException {
        OnnxEmbedderSpec spec = OnnxEmbedderSpec.forModel(model);
        Path sidecar = OnnxEmbedderSpec.sidecar(model);
        String id = java.nio.file.Files.isRegularFile(sidecar)
                ? ModelIds.of(model.getFileName().toString(), model, sidecar) : ModelIds.of(model.getFileName().toString(), model);
        return open(model, spec, threads, id);
    }

    public static OnnxFaceEmbedder open(Path model, OnnxEmbedderSpec spec, int threads, String id) throws IOException {
        OrtSession session = OnnxModels.open(model, threads);
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String in = spec.input() != null ? spec.input() : inputs.size() == 1 ? inputs.keySet().iterator().next() : null;
            if (in == null || !inputs.containsKey(in)) {
                throw new IllegalArgumentException(model + ": " + (in == null ? "the model has several inputs; name one with \"input\" in "
                        + OnnxEmbedderSpec.sidecar(model).getFileName() : "no input named '" + in + "'") + " (inputs: "
                        + OnnxModels.describe(inputs) + ")");
            }
            String out = spec.output() != null ? spec.output() : outputs.keySet().iterator().next();
            if (!outputs.containsKey(out)) {
                throw new IllegalArgumentException(model + ": no output named '" + out + "' (outputs: " + OnnxModels.describe(outputs) + ")");
            }
            long[] shape = OnnxModels.shape(inputs.get(in));
            int c = pick(spec.channels(), shape, 1, 3);
            int h = pick(spec.height(), shape, 2, 112);
            int w = pick(spec.width(), shape, 3, 112);
            boolean fits = shape != null && shape.length == 4 && (shape[0] == -1 || shape[0] >= 1) && (c == 1 || c == 3)
                    && matches(shape[1], c) && matches(shape[2], h) && matches(shape[3], w);
            if (!fits) {
                throw new IllegalArgumentException(model + ": input '" + in + "' has shape "
                        + (shape == null ? "(not a tensor)" : Arrays.toString(shape).replace("-1", "?")) + ", expected N×" + c + "×" + h + "×" + w
                        + (java.nio.file.Files.isRegularFile(OnnxEmbedderSpec.sidecar(model))
                                ? " (from " + OnnxEmbedderSpec.sidecar(model).getFileName() + ")" : " (N×C×H×W, C 1 or 3)"));
            }
            if (spec.mean().length == 3 && c != 3 || spec.std().length == 3 && c != 3) {
                throw new IllegalArgumentException(model + ": mean/std give 3 values but the model takes " + c + " channel(s)");
            }
            int batch = shape[0] == -1 ? 0 : (int) shape[0];
            long[] outShape = OnnxModels.shape(outputs.get(out));
            boolean vector = outShape != null && (outShape.length == 2 || outShape.length == 4 && outShape[2] == 1 && outShape[3] == 1);
            if (!vector) {
                throw new IllegalArgumentException(model + ": output '" + out + "' has shape "
                        + (outShape == null ? "(not a tensor)" : Arrays.toString(outShape).replace("-1", "?"))
                        + ", expected N×d (one embedding per image)");
            }
            OnnxFaceEmbedder probe = new OnnxFaceEmbedder(session, model, spec, in, out, c, h, w, batch, 0, id);
            int d = probe.probeDim(outShape);
            return new OnnxFaceEmbedder(session, model, spec, in, out, c, h, w, batch, d, id);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IOException(model + ": cannot read the model's inputs and outputs (" + OnnxModels.firstLine(e.getMessage()) + ")", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static int pick(int fromSpec, long[] shape, int axis, int fallback) {
        if (fromSpec > 0) {
            return fromSpec;
        }
        return shape != null && shape.length == 4 && shape[axis] > 0 ? (int) shape[axis] : fallback;
    }

    private static boolean matches(long dimension, int wanted) {
        return dimension == -1 || dimension == wanted;
    }

    /** The embedding size: the product of the output's non-batch dimensions, run once on zeros when they are dynamic. */
    private int probeDim(long[] outShape) throws IOException {
        if (outShape != null && outShape.length >= 2) {
            long d = 1;
            for (int i = 1; i < outShape.length; i++) {
                d *= outShape[i];
            }
            if (d > 0) {
                return (int) d;
            }
        }
        int n = Math.max(1, fixedBatch);
        float[][] rows = run(new float[n * channels * height * width], n);
        if (rows[0].length == 0) {
            throw new IOException(model + ": output '" + output + "' is empty");
        }
        return rows[0].length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public String modelId() {
        return id;
    }

    public OnnxEmbedderSpec spec() {
        return spec;
    }

    @Override
    public float[][] embed(float[] batch, int n) {
        int length = channels * height * width;
        if (batch.length < n * length) {
            throw new IllegalArgumentException("a batch of " + n + " images of " + channels + "×" + height + "×" + width
                    + " needs " + n * length + " values, got " + batch.length);
        }
        float[] prepared = normalise(batch, n);
        if (fixedBatch == 0) {
            return run(prepared, n);
        }
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += fixedBatch) {   // a fixed batch size: chunks, the last padded with zeros
            int m = Math.min(fixedBatch, n - start);
            float[] chunk = new float[fixedBatch * length];
            System.arraycopy(prepared, start * length, chunk, 0, m * length);
            float[][] rows = run(chunk, fixedBatch);
            System.arraycopy(rows, 0, out, start, m);
        }
        return out;
    }

    /** RGB/grey 0..255 → the model's channel order, (x − mean)/std. */
    private float[] normalise(float[] batch, int n) {
        int plane = height * width;
        float[] out = new float[n * channels * plane];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int from = (i * channels + (spec.bgr() && channels == 3 ? 2 - c : c)) * plane;
                int to = (i * channels + c) * plane;
                float mean = spec.mean(c);
                float scale = 1f / spec.std(c);
                for (int p = 0; p < plane; p++) {
                    out[to + p] = (batch[from + p] - mean) * scale;
                }
            }
        }
        return out;
    }

    private float[][] run(float[] prepared, int n) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxModels.environment(), FloatBuffer.wrap(prepared),
                new long[] {n, channels, height, width});
             OrtSession.Result result = session.run(Map.of(input, tensor), java.util.Set.of(output))) {
            OnnxTensor values = (OnnxTensor) result.get(0);
            long[] shape = values.getInfo().getShape();
            FloatBuffer buffer = values.getFloatBuffer();
            if (shape.length < 1 || shape[0] != n) {
                throw new IllegalStateException(model + ": output '" + output + "' has shape " + Arrays.toString(shape)
                        + ", expected " + n + " rows");
            }
            int d = buffer.remaining() / n;
            float[][] rows = new float[n][d];
            for (int i = 0; i < n; i++) {
                buffer.get(rows[i]);
            }
            return rows;
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": inference failed (" + OnnxModels.firstLine(e.getMessage()) + ")", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close an ONNX Runtime session", e);
        }
    }
}
