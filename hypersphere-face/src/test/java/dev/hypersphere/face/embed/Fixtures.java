package dev.hypersphere.face.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The tiny ONNX embedders and their reference outputs (tools/make_face_fixtures.py). */
public final class Fixtures {

    private Fixtures() {}

    /** Copies a fixture file into {@code dir} and returns its path there. */
    public static Path copy(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test fixture " + name + " missing (run tools/make_face_fixtures.py)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    public static JsonNode reference(String model) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("reference.json")) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                if (entry.get("model").asText().equals(model)) {
                    return entry;
                }
            }
        }
        throw new IOException("no reference for " + model);
    }

    /** The generator's integer pattern: (7x + 13y + 29c + 101k + (x·y) mod 17) mod 256, planar C×H×W. */
    public static float[] pattern(int k, int channels, int height, int width) {
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[(c * height + y) * width + x] = (7 * x + 13 * y + 29 * c + 101 * k + (x * y) % 17) % 256;
                }
            }
        }
        return out;
    }
}
