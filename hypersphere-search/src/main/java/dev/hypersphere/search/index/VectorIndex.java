package dev.hypersphere.search.index;

import java.io.IOException;
import java.util.List;

/** Nearest templates to a unit query by cosine similarity, best first. */
public interface VectorIndex {

    /** The {@code k} best hits for a unit-length {@code query} (fewer if the index holds fewer). */
    List<Hit> search(float[] query, int k) throws IOException;

    /** Templates searched. */
    int size();

    /** How it searches: {@code exact} or {@code hnsw}. */
    IndexKind kind();
}
