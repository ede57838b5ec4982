package dev.hypersphere.search.index;

import java.util.Locale;

/**
 * Which index a search uses, with the reason: asked for by name, or chosen by gallery size. Below
 * {@link #HNSW_FROM} templates the exact scan is used: it is exact, and still fast (100k × 512 measured 37 ms per
 * query on one busy core, so about 75 ms at 200k); HNSW's recall is not guaranteed (on unstructured 512-d vectors
 * Lucene's graph at M 16 / beam 100 needs ef ≈ 2000 for recall@10 0.79 at 100k, by then no faster than the scan:
 * see the README's benchmark). From there on the scan's linear cost wins over HNSW's recall loss.
 */
public record IndexChoice(IndexKind kind, String reason) {

    /** Gallery size from which {@code auto} picks HNSW. */
    public static final int HNSW_FROM = 200_000;

    /** Resolves {@code auto}, {@code exact} or {@code hnsw} for a gallery of {@code size} templates. */
    public static IndexChoice resolve(String requested, int size) {
        String name = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "exact" -> new IndexChoice(IndexKind.EXACT, "asked for (--index exact)");
            case "hnsw" -> new IndexChoice(IndexKind.HNSW, "asked for (--index hnsw)");
            case "auto" -> size < HNSW_FROM
                    ? new IndexChoice(IndexKind.EXACT, "auto: " + size + " templates < " + HNSW_FROM + ", an exact scan is fast enough")
                    : new IndexChoice(IndexKind.HNSW, "auto: " + size + " templates >= " + HNSW_FROM + ", HNSW avoids a linear scan");
            default -> throw new IllegalArgumentException("--index must be auto, exact or hnsw, got '" + requested + "'");
        };
    }
}
