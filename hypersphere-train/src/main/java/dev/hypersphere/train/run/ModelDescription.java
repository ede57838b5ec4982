package dev.hypersphere.train.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.model.BackboneSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code model.json}: everything needed to rebuild the trained model and feed it, so that {@code embed}
 * (or any program) needs only the run folder. The preprocessing recorded is the deterministic (evaluation) part
 * of the training preprocessing.
 */
public record ModelDescription(BackboneSpec backbone, String head, Map<String, String> headParams, int numClasses,
                               Preprocessing preprocessing, List<String> classes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "hypersphere-model/1");
        doc.put("backbone", backbone.describe());
        doc.put("embedding_dim", backbone.embeddingDim());
        Map<String, Object> headDoc = new LinkedHashMap<>();
        headDoc.put("name", head);
        headDoc.put("params", headParams);
        headDoc.put("num_classes", numClasses);
        doc.put("head", headDoc);
        doc.put("preprocessing", JSON.readTree(preprocessing.toJson()));
        doc.put("classes", classes);
        AtomicFiles.writeString(file, JSON.writeValueAsString(doc));
    }

    @SuppressWarnings("unchecked")
    public static ModelDescription read(Path file) throws IOException {
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable model.json (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (!"hypersphere-model/1".equals(doc.get("format"))) {
            throw new IOException(file + ": unsupported format " + doc.get("format") + " (expected hypersphere-model/1)");
        }
        try {
            Map<String, Object> b = (Map<String, Object>) doc.get("backbone");
            Map<String, Object> input = (Map<String, Object>) b.get("input");
            BackboneSpec spec = new BackboneSpec((String) b.get("name"), ((Number) b.get("embeddingDim")).intValue(),
                    ((Number) input.get("channels")).intValue(), ((Number) input.get("height")).intValue(),
                    ((Number) input.get("width")).intValue());
            Map<String, Object> h = (Map<String, Object>) doc.get("head");
            Map<String, String> params = new LinkedHashMap<>();
            ((Map<String, Object>) h.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
            Preprocessing preprocessing = Preprocessing.fromJson(JSON.writeValueAsString(doc.get("preprocessing")));
            return new ModelDescription(spec, (String) h.get("name"), params, ((Number) h.get("num_classes")).intValue(),
                    preprocessing, (List<String>) doc.get("classes"));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(file + ": a field is missing or of the wrong type (" + e.getMessage() + ")", e);
        }
    }
}
