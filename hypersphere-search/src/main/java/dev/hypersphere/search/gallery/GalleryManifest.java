package dev.hypersphere.search.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.search.calibrate.Calibration;
import dev.hypersphere.search.index.HnswParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gallery.json}: what a gallery folder holds and which Lucene commit of its index is the current state.
 * Replacing this small file (atomically) is what makes a change visible: until then readers and a crashed
 * writer's successor see the commit it names, whatever else was written to the index.
 *
 * @param generation the Lucene commit generation of the current state
 * @param previousGenerations the commits named before (newest first), kept for readers that read the old file
 */
public record GalleryManifest(int formatVersion, String modelId, int dim, String created, String updated, long generation,
                              List<Long> previousGenerations, HnswParams hnsw, int identities, long embeddings,
                              Calibration calibration) {

    public static final String FILE = "gallery.json";
    public static final String FORMAT = "hypersphere-gallery";
    /** The format this version writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Older commits kept for readers that opened the previous manifest. */
    static final int KEEP_PREVIOUS = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String EXPECTED = "expected a gallery manifest written by 'hypersphere gallery enroll' "
            + "(format " + FORMAT + ", format_version, model_id, dim, index.generation)";

    public GalleryManifest {
        previousGenerations = List.copyOf(previousGenerations);
    }

    /** The same manifest after a write that produced commit {@code next}. */
    GalleryManifest advance(long next, int identities, long embeddings, String now) {
        List<Long> previous = new ArrayList<>();
        previous.add(generation);
        for (long g : previousGenerations) {
            if (previous.size() < KEEP_PREVIOUS && g != generation) {
                previous.add(g);
            }
        }
        return new GalleryManifest(FORMAT_VERSION, modelId, dim, created, now, next, previous, hnsw, identities, embeddings, calibration);
    }

    GalleryManifest withCalibration(Calibration c, String now) {
        return new GalleryManifest(FORMAT_VERSION, modelId, dim, created, now, generation, previousGenerations, hnsw, identities,
                embeddings, c);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", formatVersion);
        json.put("model_id", modelId);
        json.put("dim", dim);
        json.put("created", created);
        json.put("updated", updated);
        json.put("identities", identities);
        json.put("embeddings", embeddings);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("generation", generation);
        index.put("previous_generations", previousGenerations);
        index.put("hnsw_m", hnsw.m());
        index.put("hnsw_beam_width", hnsw.beamWidth());
        index.put("hnsw_ef_search", hnsw.efSearch());
        json.put("index", index);
        json.put("calibration", calibration == null ? null : calibration.toJson());
        return json;
    }

    void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(FILE), JSON.writeValueAsBytes(toJson()));
    }

    /** Reads {@code dir/gallery.json}; every problem is one message naming the file and what was expected. */
    public static GalleryManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new GalleryFormatException(file, "missing: " + dir + " is not a gallery (" + EXPECTED + ")");
        } catch (JsonProcessingException e) {
            throw new GalleryFormatException(file, "corrupted, not valid JSON (" + e.getOriginalMessage() + "); " + EXPECTED);
        }
        if (root == null || !root.isObject()) {
            throw new GalleryFormatException(file, "corrupted, not a JSON object; " + EXPECTED);
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new GalleryFormatException(file, "field 'format' is " + root.get("format") + "; " + EXPECTED);
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
            throw new GalleryFormatException(file, "field 'format_version' missing or not a positive integer; " + EXPECTED);
        }
        if (version.asInt() > FORMAT_VERSION) {
            throw new GalleryFormatException(file, "format version " + version.asInt() + " was written by a newer hypersphere; "
                    + "this one reads versions up to " + FORMAT_VERSION + ": upgrade hypersphere to use this gallery");
        }
        try {
            JsonNode index = object(root, "index");
            List<Long> previous = new ArrayList<>();
            JsonNode prev = index.get("previous_generations");
            if (prev != null && prev.isArray()) {
                prev.forEach(g -> previous.add(g.asLong()));
            }
            HnswParams hnsw = new HnswParams(integer(index, "hnsw_m"), integer(index, "hnsw_beam_width"),
                    integer(index, "hnsw_ef_search"));
            Calibration calibration = root.hasNonNull("calibration")
                    ? Calibration.fromJson(root.get("calibration"), "calibration") : null;
            int dim = integer(root, "dim");
            if (dim < 1) {
                throw new IllegalArgumentException("dim: expected a positive integer");
            }
            return new GalleryManifest(version.asInt(), text(root, "model_id"), dim, text(root, "created"),
                    text(root, "updated"), longValue(index, "generation"), previous, hnsw, integer(root, "identities"),
                    root.path("embeddings").asLong(), calibration);
        } catch (IllegalArgumentException e) {
            throw new GalleryFormatException(file, "field " + e.getMessage() + "; " + EXPECTED);
        }
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException("'" + field + "': expected an object");
        }
        return v;
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "': expected an integer");
        }
        return v.asInt();
    }

    private static long longValue(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || v.asLong() < 1) {
            throw new IllegalArgumentException("'" + field + "': expected a positive integer");
        }
        return v.asLong();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "': expected a string");
        }
        return v.asText();
    }
}
