package dev.hypersphere.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: every number of a run with its parameters and input checksums. Non-finite numbers are
 * written as {@code null} (JSON has no NaN). Files are written atomically.
 */
public final class Reports {

    public static final String FILE = "report.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {}

    /** Writes {@code dir/report.json}; returns its path. */
    public static Path write(Path dir, Map<String, Object> report) throws IOException {
        Path file = dir.resolve(FILE);
        byte[] bytes = JSON.writeValueAsBytes(sanitize(report));
        AtomicFiles.write(file, bytes);
        return file;
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(sanitize(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a report: the file itself, or {@code report.json} inside a run folder. */
    public static JsonNode read(Path fileOrDir) throws IOException {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no report.json there");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a JSON report (" + e.getOriginalMessage() + ")");
        }
    }

    /** NaN and ±∞ become null, arrays become lists, so that the output is strict JSON. */
    static Object sanitize(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sanitize(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(sanitize(v)));
            return out;
        }
        if (value != null && value.getClass().isArray() && !(value instanceof byte[])) {
            int n = Array.getLength(value);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(sanitize(Array.get(value, i)));
            }
            return out;
        }
        return value;
    }
}
