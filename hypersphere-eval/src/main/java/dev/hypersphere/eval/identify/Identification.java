package dev.hypersphere.eval.identify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identification of probes against a gallery by cosine similarity, exact (blocked matrix products).
 *
 * <p><b>Closed set</b>: for each mated probe (its identity is in the gallery) the rank of its identity, identities
 * ordered by their best-matching gallery sample (= the usual rank when the gallery holds one template per identity;
 * ties count in the probe's favour). Rank-k accuracy and the CMC curve follow.
 *
 * <p><b>Open set</b> (NIST FRVT's terms): a non-mated probe is a false positive at threshold t when its top gallery
 * score is ≥ t (FPIR = fraction of non-mated probes); a mated probe is a true positive when its identity is at rank 1
 * with score ≥ t (TPIR = 1 − FNIR). TPIR@FPIR takes, for each FPIR target, the lowest threshold whose FPIR does not
 * exceed it (measured, not interpolated; a target below 1/non-mated is not reachable).
 */
public final class Identification {

    /** CMC up to this rank at most. */
    public static final int MAX_CMC_RANK = 100;

    /** Per-probe results: the rank of its identity (0 when non-mated), its identity's best score, the top score. */
    public record ProbeOutcomes(int[] rank, float[] mateScore, float[] topScore, boolean[] mated, int identities) {

        public int matedCount() {
            int n = 0;
            for (boolean m : mated) {
                n += m ? 1 : 0;
            }
            return n;
        }

        /** Fraction of mated probes whose identity is within the first k. */
        public double rankAccuracy(int k) {
            int hits = 0;
            int total = 0;
            for (int i = 0; i < rank.length; i++) {
                if (mated[i]) {
                    total++;
                    hits += rank[i] <= k ? 1 : 0;
                }
            }
            return total == 0 ? Double.NaN : (double) hits / total;
        }

        /** CMC: identification rate at ranks 1..min(identities, {@value #MAX_CMC_RANK}). */
        public double[] cmc() {
            int max = Math.min(identities, MAX_CMC_RANK);
            double[] curve = new double[max];
            for (int k = 1; k <= max; k++) {
                curve[k - 1] = rankAccuracy(k);
            }
            return curve;
        }
    }

    /** TPIR at one FPIR target. */
    public record OpenSetPoint(double fpirTarget, double tpir, double threshold, double fpir, boolean reachable) {}

    private Identification() {}

    /**
     * Scores every probe against the gallery.
     *
     * @param gallery row-major gallery embeddings ({@code dim} columns), any norm
     * @param galleryLabels identity of each gallery row
     * @param probes row-major probe embeddings
     * @param probeLabels identity of each probe (a label absent from the gallery makes a non-mated probe)
     */
    public static ProbeOutcomes search(float[] gallery, List<String> galleryLabels, float[] probes, List<String> probeLabels,
                                       int dim, int block) {
        Map<String, Integer> identityOf = new HashMap<>();
        int[] galleryIdentity = new int[galleryLabels.size()];
        for (int g = 0; g < galleryIdentity.length; g++) {
            galleryIdentity[g] = identityOf.computeIfAbsent(galleryLabels.get(g), l -> identityOf.size());
        }
        int identities = identityOf.size();
        int probesCount = probeLabels.size();
        int[] probeIdentity = new int[probesCount];
        boolean[] mated = new boolean[probesCount];
        for (int p = 0; p < probesCount; p++) {
            Integer id = identityOf.get(probeLabels.get(p));
            probeIdentity[p] = id == null ? -1 : id;
            mated[p] = id != null;
        }
        // Probes in chunks so that a chunk's per-identity maxima stay within ~64 MB.
        int chunk = (int) Math.max(1, Math.min(probesCount, (16L << 20) / Math.max(1, identities)));
        float[] g = BlockedScores.normalizedRows(gallery, dim);
        int[] rank = new int[probesCount];
        float[] mateScore = new float[probesCount];
        float[] topScore = new float[probesCount];
        for (int start = 0; start < probesCount; start += chunk) {
            int count = Math.min(chunk, probesCount - start);
            float[] p = BlockedScores.normalizedRows(Arrays.copyOfRange(probes, start * dim, (start + count) * dim), dim);
            float[] best = new float[count * identities];
            Arrays.fill(best, Float.NEGATIVE_INFINITY);
            BlockedScores.forEachBlock(p, g, dim, block, (q0, qc, r0, rc, scores) -> {
                for (int i = 0; i < qc; i++) {
                    int row = (q0 + i) * identities;
                    for (int j = 0; j < rc; j++) {
                        int at = row + galleryIdentity[r0 + j];
                        float s = scores[i * rc + j];
                        if (s > best[at]) {
                            best[at] = s;
                        }
                    }
                }
            });
            for (int i = 0; i < count; i++) {
                int probe = start + i;
                int row = i * identities;
                float top = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < identities; c++) {
                    top = Math.max(top, best[row + c]);
                }
                topScore[probe] = top;
                if (mated[probe]) {
                    float mate = best[row + probeIdentity[probe]];
                    int above = 0;
                    for (int c = 0; c < identities; c++) {
                        above += best[row + c] > mate ? 1 : 0;
                    }
                    rank[probe] = above + 1;
                    mateScore[probe] = mate;
                }
            }
        }
        return new ProbeOutcomes(rank, mateScore, topScore, mated, identities);
    }

    /** TPIR (rank 1) at each FPIR target, when there are non-mated probes. */
    public static List<OpenSetPoint> openSet(ProbeOutcomes outcomes, double[] fpirTargets) {
        List<Float> nonMatedTop = new ArrayList<>();
        for (int i = 0; i < outcomes.mated().length; i++) {
            if (!outcomes.mated()[i]) {
                nonMatedTop.add(outcomes.topScore()[i]);
            }
        }
        int nonMated = nonMatedTop.size();
        int matedCount = outcomes.matedCount();
        List<OpenSetPoint> points = new ArrayList<>();
        if (nonMated == 0 || matedCount == 0) {
            return points;
        }
        float[] sortedDesc = new float[nonMated];
        for (int i = 0; i < nonMated; i++) {
            sortedDesc[i] = nonMatedTop.get(i);
        }
        Arrays.sort(sortedDesc);
        for (int i = 0; i < nonMated / 2; i++) {
            float t = sortedDesc[i];
            sortedDesc[i] = sortedDesc[nonMated - 1 - i];
            sortedDesc[nonMated - 1 - i] = t;
        }
        for (double target : fpirTargets) {
            long allowed = (long) Math.floor(target * nonMated + 1e-9);
            // Lowest threshold accepting at most `allowed` non-mated probes: just above the (allowed+1)-th highest top score.
            double threshold = allowed >= nonMated ? Double.NEGATIVE_INFINITY : Math.nextUp(sortedDesc[(int) allowed]);
            int falsePositives = 0;
            for (float s : sortedDesc) {
                falsePositives += s >= threshold ? 1 : 0;
            }
            int truePositives = 0;
            for (int i = 0; i < outcomes.mated().length; i++) {
                if (outcomes.mated()[i] && outcomes.rank()[i] == 1 && outcomes.mateScore()[i] >= threshold) {
                    truePositives++;
                }
            }
            points.add(new OpenSetPoint(target, (double) truePositives / matedCount, threshold,
                    (double) falsePositives / nonMated, target * nonMated >= 1 - 1e-9));
        }
        return points;
    }

    /** The numbers of a search as a JSON-ready map. */
    public static Map<String, Object> summary(ProbeOutcomes outcomes, List<OpenSetPoint> openSet) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("probes", outcomes.rank().length);
        out.put("mated_probes", outcomes.matedCount());
        out.put("non_mated_probes", outcomes.rank().length - outcomes.matedCount());
        out.put("gallery_identities", outcomes.identities());
        out.put("rank_1", outcomes.rankAccuracy(1));
        out.put("rank_5", outcomes.rankAccuracy(5));
        out.put("rank_10", outcomes.rankAccuracy(10));
        out.put("cmc", outcomes.cmc());
        List<Map<String, Object>> open = new ArrayList<>();
        for (OpenSetPoint p : openSet) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("fpir_target", p.fpirTarget());
            point.put("tpir", p.reachable() ? p.tpir() : null);
            point.put("threshold", Double.isInfinite(p.threshold()) ? null : p.threshold());
            point.put("fpir", p.fpir());
            point.put("reachable", p.reachable());
            open.add(point);
        }
        out.put("open_set", open);
        return out;
    }
}
