package dev.hypersphere.search.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A calibration kept next to a model: {@code calibration.json} inside a run folder, or {@code NAME.calibration.json}
 * beside a model file. It records the model id, so a calibration never silently applies to another model.
 */
public final class ModelCalibration {

    public static final String FORMAT = "hypersphere-calibration";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCalibration() {}

    /** Where the calibration of {@code model} lives. */
    public static Path fileFor(Path model) {
        if (Files.isDirectory(model)) {
            return model.resolve("calibration.json");
        }
        return model.resolveSibling(model.getFileName() + ".calibration.json");
    }

    public static void write(Path model, Calibration calibration) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", FORMAT_VERSION);
        json.putAll(calibration.toJson());
        AtomicFiles.write(fileFor(model), JSON.writeValueAsBytes(json));
    }

    /**
     * The calibration of {@code model}, or null when there is none. One made for another model id is an error
     * (the threshold of one embedder means nothing for another).
     */
    public static Calibration read(Path model, String modelId) throws IOException {
        Path file = fileFor(model);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": corrupted, not valid JSON (" + e.getOriginalMessage()
                    + "); expected a calibration written by 'hypersphere calibrate'");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException(file + ": expected a calibration written by 'hypersphere calibrate' (format " + FORMAT + ")");
        }
        int version = root.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(file + ": format_version " + root.get("format_version") + "; this hypersphere reads 1.."
                    + FORMAT_VERSION + (version > FORMAT_VERSION ? ": written by a newer hypersphere, upgrade" : ""));
        }
        Calibration c;
        try {
            c = Calibration.fromJson(root, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        if (modelId != null && c.modelId() != null && !c.modelId().equals(modelId)) {
            throw new IllegalArgumentException(file + " was calibrated for model " + c.modelId() + ", not " + modelId
                    + ": run 'hypersphere calibrate' for this model");
        }
        return c;
    }
}
