package dev.hypersphere.search.index;

import java.util.Locale;

/** How a gallery is searched. */
public enum IndexKind {
    /** Every template scored: exact, O(N·d) per query. */
    EXACT,
    /** Lucene's HNSW graph: approximate, roughly logarithmic in N. */
    HNSW;

    /** {@code exact} or {@code hnsw}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
