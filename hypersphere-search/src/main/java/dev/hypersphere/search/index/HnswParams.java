package dev.hypersphere.search.index;

/**
 * HNSW graph parameters. {@code m} (links per node) and {@code beamWidth} (candidates kept while inserting) fix
 * the graph when it is written; {@code efSearch} (candidates kept while searching, at least k) trades query time
 * for recall and can change at every search.
 */
public record HnswParams(int m, int beamWidth, int efSearch) {

    /** Lucene's own defaults for the graph (16, 100); ef 100 (see the README for the recall it gives). */
    public static final HnswParams DEFAULTS = new HnswParams(16, 100, 100);

    public HnswParams {
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("HNSW m (links per node) must be in 2..512, got " + m);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("HNSW beam width must be in 1..3200, got " + beamWidth);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("HNSW ef (search candidates) must be positive, got " + efSearch);
        }
    }

    public HnswParams withEfSearch(int ef) {
        return new HnswParams(m, beamWidth, ef);
    }
}
