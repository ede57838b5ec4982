package dev.hypersphere.search.index;

import dev.hypersphere.eval.identify.BlockedScores;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact search: the query is scored against every template. One query is a dot-product scan on the calling
 * thread with Lucene's {@link VectorUtil#dotProduct} (the same kernel the HNSW search uses, SIMD when the JDK's
 * Vector API is enabled), so that the two compare fairly; many queries at once go through {@link BlockedScores},
 * block by block as matrix products on the engine.
 */
public final class ExactIndex implements VectorIndex {

    private final String[] ids;
    private final float[][] rows;
    private final int dim;

    /** {@code rows}: one unit template per id, {@code dim} values each (kept, not copied). */
    public ExactIndex(String[] ids, float[][] rows, int dim) {
        if (rows.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + rows.length + " templates");
        }
        for (float[] row : rows) {
            if (row.length != dim) {
                throw new IllegalArgumentException("a template has " + row.length + " values, expected " + dim);
            }
        }
        this.ids = ids;
        this.rows = rows;
        this.dim = dim;
    }

    /** From row-major unit templates, {@code dim} columns. */
    public static ExactIndex ofRows(String[] ids, float[] matrix, int dim) {
        if (matrix.length != (long) ids.length * dim) {
            throw new IllegalArgumentException(ids.length + " ids but " + matrix.length + " values for dim " + dim);
        }
        float[][] rows = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(matrix, i * dim, (i + 1) * dim);
        }
        return new ExactIndex(ids, rows, dim);
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        requireDim(query.length);
        TopK top = new TopK(Math.min(k, ids.length));
        for (int r = 0; r < ids.length; r++) {
            top.offer(r, VectorUtil.dotProduct(query, rows[r]));
        }
        return top.hits(ids);
    }

    /** The {@code k} best hits of each of the unit rows of {@code queries}, on the engine. */
    public List<List<Hit>> searchAll(float[] queries, int k) {
        if (queries.length % dim != 0) {
            throw new IllegalArgumentException(queries.length + " query values are not whole rows of dim " + dim);
        }
        int nq = queries.length / dim;
        TopK[] tops = new TopK[nq];
        for (int q = 0; q < nq; q++) {
            tops[q] = new TopK(Math.min(k, ids.length));
        }
        float[] matrix = new float[ids.length * dim];
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(rows[r], 0, matrix, r * dim, dim);
        }
        BlockedScores.forEachBlock(queries, matrix, dim, BlockedScores.DEFAULT_BLOCK, (qs, qc, rs, rc, scores) -> {
            for (int i = 0; i < qc; i++) {
                TopK top = tops[qs + i];
                int base = i * rc;
                for (int j = 0; j < rc; j++) {
                    float s = scores[base + j];
                    if (s >= top.floor()) {
                        top.offer(rs + j, s);
                    }
                }
            }
        });
        List<List<Hit>> out = new ArrayList<>(nq);
        for (TopK top : tops) {
            out.add(top.hits(ids));
        }
        return out;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public IndexKind kind() {
        return IndexKind.EXACT;
    }

    private void requireDim(int length) {
        if (length != dim) {
            throw new IllegalArgumentException("query has " + length + " dimensions, the index " + dim);
        }
    }
}
