package dev.hypersphere.bench.eval;

import dev.hypersphere.eval.identify.BlockedScores;

/**
 * Exact top-k search by inner product over unit rows: the project's blocked scoring ({@link BlockedScores}, matrix
 * products on the engine, block by block) with a sorted insertion list of the k best per query (ties: lower
 * index first).
 */
public final class TopKSearch {

    private TopKSearch() {}

    /** Row-major Q×k gallery indices of the k highest scores of each query, best first. */
    public static int[] search(float[] queries, float[] gallery, int dim, int k, int block) {
        int nq = queries.length / dim;
        float[] best = new float[nq * k];
        int[] index = new int[nq * k];
        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(index, -1);
        BlockedScores.forEachBlock(queries, gallery, dim, block, (q0, qc, r0, rc, scores) -> {
            for (int i = 0; i < qc; i++) {
                int base = (q0 + i) * k;
                float floor = best[base + k - 1];
                for (int j = 0; j < rc; j++) {
                    float s = scores[i * rc + j];
                    if (s > floor) {
                        int at = base + k - 1;
                        while (at > base && s > best[at - 1]) {
                            best[at] = best[at - 1];
                            index[at] = index[at - 1];
                            at--;
                        }
                        best[at] = s;
                        index[at] = r0 + j;
                        floor = best[base + k - 1];
                    }
                }
            }
        });
        return index;
    }
}
