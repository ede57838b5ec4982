package dev.hypersphere.search.index;

import java.util.Locale;

/**
 * Which index a search uses, with the reason: asked for by name, or chosen by gallery size. Below
 * {@link #HNSW_FROM} templates an exact scan is both exact and fast (a 10k × 512 scan is a few milliseconds on one
 * core), so an approximate answer buys nothing; from there on its cost grows linearly and HNSW's does not.
 */
public record IndexChoice(IndexKind kind, String reason) {

    /** Gallery size from which {@code auto} picks HNSW. */
    public static final int HNSW_FROM = 20_000;

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
