package dev.hypersphere.face.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hypersphere.data.transform.Bilinear;
import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.OnnxModels;
import dev.hypersphere.face.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YuNet (libfacedetection.train, as shipped with OpenCV's {@code FaceDetectorYN}) through ONNX Runtime.
 *
 * <p>Layout found in {@code yunet_s_640_640.onnx} and {@code yunet_s_dynamic.onnx} (inspected with ONNX Runtime): one
 * input {@code input} float32 N×3×H×W (fixed 1×3×640×640, or dynamic batch×3×height×width); twelve outputs
 * {@code cls_8, cls_16, cls_32, obj_8, obj_16, obj_32} (N×P×1, already sigmoid), {@code bbox_8..32} (N×P×4: dx, dy,
 * log w, log h) and {@code kps_8..32} (N×P×10: five x, y offsets), P = (H/s)·(W/s) points per stride s, row-major.
 * The input is BGR with raw values 0..255 (OpenCV's {@code blobFromImage} without scaling or mean).
 *
 * <p>Any image size: a dynamic model gets the image as it is (scaled down first if its longer side exceeds
 * {@code maxSide}), padded with zeros at the right and bottom to multiples of 32; a fixed-size model gets the image
 * scaled to fit (aspect kept, "letterbox") and padded to its size. Faces are mapped back to the image's pixels.
 */
public final class YuNetDetector implements FaceDetector {

    /** Tuning that is not the score threshold. */
    public record Options(float nmsThreshold, int topK, int maxSide, int threads) {
        /** OpenCV's defaults (NMS IoU 0.3, top 5000), longer side at most 640, ONNX Runtime's default threads. */
        public static Options defaults() {
            return new Options(0.3f, 5000, 640, 0);
        }

        public Options withThreads(int n) {
            return new Options(nmsThreshold, topK, maxSide, n);
        }
    }

    private static final String INPUT = "input";
    private static final int ALIGN = 32;

    private final OrtSession session;
    private final Path model;
    private final Options options;
    private final int fixedHeight;   // 0: dynamic
    private final int fixedWidth;

    private YuNetDetector(OrtSession session, Path model, Options options, int fixedHeight, int fixedWidth) {
        this.session = session;
        this.model = model;
        this.options = options;
        this.fixedHeight = fixedHeight;
        this.fixedWidth = fixedWidth;
    }

    public static YuNetDetector open(Path model) throws IOException {
        return open(model, Options.defaults());
    }

    /** Opens and checks a YuNet model: an input or output layout that is not YuNet's is an error naming both. */
    public static YuNetDetector open(Path model, Options options) throws IOException {
        OrtSession session = OnnxModels.open(model, options.threads());
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            List<String> missing = new ArrayList<>();
            for (String head : List.of("cls", "obj", "bbox", "kps")) {
                for (int stride : YuNetDecoder.STRIDES) {
                    if (!outputs.containsKey(head + "_" + stride)) {
                        missing.add(head + "_" + stride);
                    }
                }
            }
            long[] shape = inputs.size() == 1 && inputs.containsKey(INPUT) ? OnnxModels.shape(inputs.get(INPUT)) : null;
            boolean inputOk = shape != null && shape.length == 4 && shape[1] == 3 && (shape[0] == 1 || shape[0] == -1)
                    && (shape[2] == -1) == (shape[3] == -1)
                    && (shape[2] == -1 || (shape[2] > 0 && shape[2] % ALIGN == 0 && shape[3] > 0 && shape[3] % ALIGN == 0));
            if (!missing.isEmpty() || !inputOk) {
                throw new IllegalArgumentException(model + ": not a YuNet face detector: expected one input 'input' "
                        + "N×3×H×W (H, W multiples of 32 or dynamic) and outputs cls/obj/bbox/kps_8/16/32; found inputs "
                        + OnnxModels.describe(inputs) + "; outputs " + OnnxModels.describe(outputs));
            }
            int h = shape[2] == -1 ? 0 : (int) shape[2];
            int w = shape[3] == -1 ? 0 : (int) shape[3];
            return new YuNetDetector(session, model, options, h, w);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IOException(model + ": cannot read the model's inputs and outputs (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Whether the model takes any input size (else it is letterboxed into {@link #inputSize()}). */
    public boolean dynamic() {
        return fixedHeight == 0;
    }

    /** The fixed input size (height, width), or {0, 0} for a dynamic model. */
    public int[] inputSize() {
        return new int[] {fixedHeight, fixedWidth};
    }

    @Override
    public List<DetectedFace> detect(RgbImage image, float scoreThreshold) {
        Prepared input = prepare(image);
        List<YuNetDecoder.Head> heads = new ArrayList<>(3);
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxModels.environment(), FloatBuffer.wrap(input.bgr),
                new long[] {1, 3, input.height, input.width});
             OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
            for (int stride : YuNetDecoder.STRIDES) {
                heads.add(new YuNetDecoder.Head(stride, floats(result, "cls_" + stride), floats(result, "obj_" + stride),
                        floats(result, "bbox_" + stride), floats(result, "kps_" + stride)));
            }
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": inference failed on a " + input.height + "×" + input.width + " input ("
                    + OnnxModels.firstLine(e.getMessage()) + ")", e);
        }
        List<DetectedFace> candidates = YuNetDecoder.decode(heads, input.height, input.width, scoreThreshold);
        List<DetectedFace> kept = NonMaxSuppression.apply(candidates, options.nmsThreshold(), options.topK());
        List<DetectedFace> faces = new ArrayList<>(kept.size());
        float ix = 1f / input.scaleX;
        float iy = 1f / input.scaleY;
        for (DetectedFace f : kept) {
            float[] landmarks = f.landmarks().clone();
            for (int i = 0; i < landmarks.length; i += 2) {
                landmarks[i] *= ix;
                landmarks[i + 1] *= iy;
            }
            faces.add(new DetectedFace(f.x() * ix, f.y() * iy, f.width() * ix, f.height() * iy, f.score(), landmarks));
        }
        return faces;
    }

    /** The network input: BGR planes 0..255, its padded size, the scale applied to the image along each axis. */
    private record Prepared(float[] bgr, int height, int width, float scaleX, float scaleY) {}

    private Prepared prepare(RgbImage image) {
        int h = image.height();
        int w = image.width();
        double scale;
        int inH;
        int inW;
        if (dynamic()) {
            scale = Math.max(h, w) > options.maxSide() ? (double) options.maxSide() / Math.max(h, w) : 1.0;
            int sh = Math.max(1, (int) Math.round(h * scale));
            int sw = Math.max(1, (int) Math.round(w * scale));
            inH = (sh + ALIGN - 1) / ALIGN * ALIGN;
            inW = (sw + ALIGN - 1) / ALIGN * ALIGN;
        } else {
            scale = Math.min((double) fixedHeight / h, (double) fixedWidth / w);
            inH = fixedHeight;
            inW = fixedWidth;
        }
        int sh = Math.min(inH, Math.max(1, (int) Math.round(h * scale)));
        int sw = Math.min(inW, Math.max(1, (int) Math.round(w * scale)));
        float[] rgb = sh == h && sw == w ? image.planes() : Bilinear.resize(image.planes(), 3, h, w, sh, sw);
        float[] bgr = new float[3 * inH * inW];
        for (int c = 0; c < 3; c++) {
            int from = (2 - c) * sh * sw;   // B, G, R
            int to = c * inH * inW;
            for (int y = 0; y < sh; y++) {
                System.arraycopy(rgb, from + y * sw, bgr, to + y * inW, sw);
            }
        }
        // Rounding makes the scale applied differ slightly between the axes: map each back with its own.
        return new Prepared(bgr, inH, inW, (float) sw / w, (float) sh / h);
    }

    private float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow(() -> new IllegalStateException(model + ": no output " + name));
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new UncheckedIOException(new IOException("cannot close an ONNX Runtime session", e));
        }
    }

    @Override
    public String toString() {
        return "YuNet " + model.getFileName() + (dynamic() ? " (dynamic)" : " (" + fixedHeight + "×" + fixedWidth + ")")
                + ", longer side at most " + options.maxSide();
    }
}
