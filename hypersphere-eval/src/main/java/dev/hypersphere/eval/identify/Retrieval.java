package dev.hypersphere.eval.identify;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval metrics as pytorch-metric-learning's {@code AccuracyCalculator} defines them, from an exact k-NN search
 * by cosine similarity (the same order as its default Euclidean distance on L2-normalised embeddings):
 * <ul>
 *   <li>{@code precision_at_1}: the nearest reference has the query's label;</li>
 *   <li>{@code r_precision}: with R the number of references sharing the query's label, the fraction of the R
 *       nearest that do;</li>
 *   <li>{@code mean_average_precision_at_r}: (1/R) Σ_{i ≤ R} P(i)·[neighbour i matches].</li>
 * </ul>
 * k is the largest label count among the references (capped at 1023 as PML does, R likewise). When queries and
 * references are the same set the query itself is left out (R is one less). Queries whose label has no other
 * reference ("lone" queries) are left out; the result is the plain mean over the remaining queries
 * ({@code avg_of_avgs=False}).
 */
public final class Retrieval {

    /** PML's cap on k (faiss searches at most 1024 neighbours, and PML asks for k + 1). */
    public static final int MAX_K = 1023;

    public record Result(double precisionAt1, double rPrecision, double mapAtR, int k, int queriesUsed, int queriesLeftOut) {

        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("precision_at_1", precisionAt1);
            out.put("r_precision", rPrecision);
            out.put("mean_average_precision_at_r", mapAtR);
            out.put("k", k);
            out.put("queries_used", queriesUsed);
            out.put("lone_queries_left_out", queriesLeftOut);
            out.put("definition", "pytorch-metric-learning AccuracyCalculator (avg_of_avgs=False, k = max label count capped at 1023)");
            return out;
        }
    }

    private Retrieval() {}

    /**
     * @param references row-major reference embeddings; {@code queries} may be the very same array (same source)
     * @param sameSource whether queries and references are one set (each query leaves itself out)
     */
    public static Result evaluate(float[] queries, List<String> queryLabels, float[] references, List<String> referenceLabels,
                                  int dim, boolean sameSource, int block) {
        Map<String, Integer> count = new HashMap<>();
        for (String label : referenceLabels) {
            count.merge(label, 1, Integer::sum);
        }
        int k = Math.min(MAX_K, count.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        if (k < 1) {
            throw new IllegalArgumentException("retrieval needs at least one reference");
        }
        int nq = queryLabels.size();
        float[][] topScore = new float[nq][k];
        int[][] topIndex = new int[nq][k];
        int[] filled = new int[nq];
        float[] q = BlockedScores.normalizedRows(queries, dim);
        float[] r = queries == references ? q : BlockedScores.normalizedRows(references, dim);
        BlockedScores.forEachBlock(q, r, dim, block, (q0, qc, r0, rc, scores) -> {
            for (int i = 0; i < qc; i++) {
                int query = q0 + i;
                for (int j = 0; j < rc; j++) {
                    int ref = r0 + j;
                    if (sameSource && ref == query) {
                        continue;
                    }
                    insert(topScore[query], topIndex[query], filled, query, scores[i * rc + j], ref);
                }
            }
        });
        double p1 = 0;
        double rp = 0;
        double map = 0;
        int used = 0;
        for (int query = 0; query < nq; query++) {
            String label = queryLabels.get(query);
            int relevant = count.getOrDefault(label, 0) - (sameSource ? 1 : 0);
            if (relevant < 1) {
                continue;
            }
            int rr = Math.min(relevant, Math.min(k, filled[query]));
            used++;
            int hits = 0;
            double precisionSum = 0;
            for (int i = 0; i < rr; i++) {
                boolean hit = referenceLabels.get(topIndex[query][i]).equals(label);
                if (hit) {
                    hits++;
                    precisionSum += (double) hits / (i + 1);
                }
                if (i == 0 && hit) {
                    p1++;
                }
            }
            rp += (double) hits / relevant(relevant, k);
            map += precisionSum / relevant(relevant, k);
        }
        if (used == 0) {
            throw new IllegalArgumentException("no query has a matching reference label: retrieval metrics are undefined");
        }
        return new Result(p1 / used, rp / used, map / used, k, used, nq - used);
    }

    private static int relevant(int relevant, int k) {
        return Math.min(relevant, k);
    }

    /** Keeps the k best (score desc, index asc) in a sorted array: insertion, as k is small next to the references. */
    private static void insert(float[] scores, int[] index, int[] filled, int query, float score, int ref) {
        int n = filled[query];
        int k = scores.length;
        if (n == k && !(score > scores[k - 1])) {
            return;
        }
        int at = n == k ? k - 1 : n;
        while (at > 0 && score > scores[at - 1]) {
            scores[at] = scores[at - 1];
            index[at] = index[at - 1];
            at--;
        }
        scores[at] = score;
        index[at] = ref;
        if (n < k) {
            filled[query] = n + 1;
        }
    }
}
