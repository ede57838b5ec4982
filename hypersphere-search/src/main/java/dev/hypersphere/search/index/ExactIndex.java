package dev.hypersphere.search.index;

import dev.hypersphere.eval.identify.BlockedScores;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact search: the query is scored against every template. One query is a plain dot-product scan on the calling
 * thread (no copy of the templates, nothing to start); many queries at once go through
 * {@link BlockedScores}, block by block as matrix products on the engine.
 */
public final class ExactIndex implements VectorIndex {

    private final String[] ids;
    private final float[] rows;
    private final int dim;

    /** {@code rows}: unit templates, row-major, {@code dim} columns, one per id (kept, not copied). */
    public ExactIndex(String[] ids, float[] rows, int dim) {
        if (rows.length != (long) ids.length * dim) {
            throw new IllegalArgumentException(ids.length + " ids but " + rows.length + " values for dim " + dim);
        }
        this.ids = ids;
        this.rows = rows;
        this.dim = dim;
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        requireDim(query.length);
        TopK top = new TopK(Math.min(k, ids.length));
        for (int r = 0; r < ids.length; r++) {
            top.offer(r, dot(query, rows, r * dim, dim));
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
        BlockedScores.forEachBlock(queries, rows, dim, BlockedScores.DEFAULT_BLOCK, (qs, qc, rs, rc, scores) -> {
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

    /** Four independent sums: the JIT cannot reorder one float sum, but it can overlap four. */
    static float dot(float[] q, float[] m, int offset, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            s0 += q[i] * m[offset + i];
            s1 += q[i + 1] * m[offset + i + 1];
            s2 += q[i + 2] * m[offset + i + 2];
            s3 += q[i + 3] * m[offset + i + 3];
        }
        for (; i < dim; i++) {
            s0 += q[i] * m[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
