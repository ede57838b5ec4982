package dev.hypersphere.search.gallery;

import java.util.List;

/**
 * Embeddings to add to one identity, with the names of the files they came from (for {@code gallery list}).
 * Each embedding is normalised before it counts, so the template is the normalised mean of unit vectors.
 */
public record Enrollment(String id, List<float[]> embeddings, List<String> sources) {

    public Enrollment {
        embeddings = List.copyOf(embeddings);
        sources = List.copyOf(sources);
    }

    public static Enrollment of(String id, float[]... embeddings) {
        return new Enrollment(id, List.of(embeddings), List.of());
    }
}
