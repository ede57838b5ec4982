package dev.hypersphere.face.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How an ONNX face-embedding model wants its input, from a small JSON file beside it ({@code MODEL.onnx.json}):
 *
 * <pre>{@code {"input": "data", "output": "fc1", "height": 112, "width": 112, "channels": 3,
 *  "channel_order": "RGB", "mean": [127.5], "std": [127.5]}}</pre>
 *
 * Every key is optional. Defaults are insightface's ArcFace preprocessing: RGB, (x − 127.5)/127.5 on the 0..255
 * scale, the model's only input and first output, the input size and channels from the model's shape (112×112 and
 * 3 when the model leaves them dynamic). {@code mean}/{@code std} take one value or one per channel, in the model's
 * channel order, on the 0..255 scale.
 *
 * @param height   0 = from the model
 * @param width    0 = from the model
 * @param channels 0 = from the model
 */
public record OnnxEmbedderSpec(String input, String output, int height, int width, int channels, boolean bgr,
                               float[] mean, float[] std) {

    private static final Set<String> KEYS = Set.of("input", "output", "height", "width", "channels", "channel_order", "mean", "std");

    /** insightface's: RGB, (x − 127.5)/127.5, everything else from the model. */
    public static OnnxEmbedderSpec insightface() {
        return new OnnxEmbedderSpec(null, null, 0, 0, 0, false, new float[] {127.5f}, new float[] {127.5f});
    }

    /** The description file of {@code model}: {@code MODEL.onnx.json}. */
    public static Path sidecar(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /** The spec beside {@code model}, or {@link #insightface()} when there is none. */
    public static OnnxEmbedderSpec forModel(Path model) throws IOException {
        Path file = sidecar(model);
        return Files.isRegularFile(file) ? read(file) : insightface();
    }

    public static OnnxEmbedderSpec read(Path file) throws IOException {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        for (Iterator<String> names = doc.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IOException(file + ": unknown key '" + name + "' (valid: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        OnnxEmbedderSpec defaults = insightface();
        String order = text(doc, "channel_order", file, "RGB").toUpperCase(Locale.ROOT);
        if (!order.equals("RGB") && !order.equals("BGR")) {
            throw new IOException(file + ": channel_order must be RGB or BGR, got '" + order + "'");
        }
        OnnxEmbedderSpec spec = new OnnxEmbedderSpec(text(doc, "input", file, null), text(doc, "output", file, null),
                integer(doc, "height", file), integer(doc, "width", file), integer(doc, "channels", file), order.equals("BGR"),
                floats(doc, "mean", file, defaults.mean), floats(doc, "std", file, defaults.std));
        for (float s : spec.std) {
            if (!(s > 0)) {
                throw new IOException(file + ": std values must be positive, got " + s);
            }
        }
        if (spec.channels != 0 && spec.channels != 1 && spec.channels != 3) {
            throw new IOException(file + ": channels must be 1 or 3, got " + spec.channels);
        }
        return spec;
    }

    /** The mean of channel {@code c} (in the model's order). */
    public float mean(int c) {
        return mean.length == 1 ? mean[0] : mean[c];
    }

    public float std(int c) {
        return std.length == 1 ? std[0] : std[c];
    }

    private static String text(JsonNode doc, String key, Path file, String fallback) throws IOException {
        JsonNode node = doc.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new IOException(file + ": '" + key + "' must be a string, got " + node);
        }
        return node.asText();
    }

    private static int integer(JsonNode doc, String key, Path file) throws IOException {
        JsonNode node = doc.get(key);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
            throw new IOException(file + ": '" + key + "' must be a positive integer, got " + node);
        }
        return node.asInt();
    }

    private static float[] floats(JsonNode doc, String key, Path file, float[] fallback) throws IOException {
        JsonNode node = doc.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty() || items.size() == 2 || items.size() > 3) {
            throw new IOException(file + ": '" + key + "' must be a number or a list of 1 or 3 numbers, got " + node);
        }
        float[] values = new float[items.size()];
        for (int i = 0; i < values.length; i++) {
            if (!items.get(i).isNumber()) {
                throw new IOException(file + ": '" + key + "' must hold numbers, got " + node);
            }
            values[i] = (float) items.get(i).asDouble();
        }
        return values;
    }
}
