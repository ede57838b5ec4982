package dev.hypersphere.eval.verify;

import dev.hypersphere.eval.identify.BlockedScores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verification over every pair of distinct images of a labelled set, in BLUFR's spirit: LFW's 6,000 pairs cannot
 * measure a FAR below 1e-3, its 13,233 images give 87 million pairs that can. Cosine scores come from blocked matrix
 * products ({@link BlockedScores}, float32, upper triangle only) and are never stored: the impostor (different
 * person) scores are counted, the genuine (same person) ones, far fewer, are kept.
 *
 * <p>Every number is exact for these float32 scores, with no sorted array of all scores: each score maps to a 32-bit
 * key in score order; a first pass counts impostors per 16-bit key prefix (65,536 bins); the bins that hold what is
 * asked for (the score at each FAR target, the EER crossing) are then known, and a second pass counts their impostors
 * per full key. So the score at a FAR target is found by selection, and
 * <ul>
 *   <li><b>TAR@FAR</b> is {@link Roc#tarAtFar}'s: with {@code a = ⌊FAR·impostors⌋} false accepts allowed and {@code v}
 *       the (a+1)-th highest impostor score, the threshold is the next float above {@code v} (accept when
 *       {@code cosine ≥ threshold}), TAR = genuine scores above {@code v} / genuine, FAR = impostors above {@code v} /
 *       impostors;</li>
 *   <li><b>AUC</b> is the trapezoid area under the full ROC, computed as the Mann–Whitney count it equals:
 *       (#(genuine &gt; impostor) + ½·#(genuine = impostor)) / (genuine · impostors), summed in integers over the
 *       second pass;</li>
 *   <li><b>EER</b> is {@link Roc#eer}'s linear crossing on the exact ROC points of the bin where 1 − TPR − FPR turns
 *       non-positive.</li>
 * </ul>
 * The ROC for plots is drawn at the bins' edges (the JSON says so). Memory: the genuine scores (4 bytes each), the
 * count arrays, two score blocks.
 */
public final class AllPairScores {

    private static final int BINS = 1 << 16;

    /** One FAR target's operating point (as {@link Roc.Operating}, counts as longs). */
    public record Operating(double farTarget, boolean reachable, double tar, double far, long falseAccepts, long trueAccepts,
                            double thresholdCosine, double impostorScoreAtTarget) {}

    /**
     * @param genuine   same-person pairs
     * @param impostor  different-person pairs
     * @param auc       exact area under the ROC
     * @param eer       equal error rate (exact ROC, linear crossing)
     * @param eerThreshold cosine of the first ROC point where FNR ≤ FPR
     * @param tarAtFar  one point per FAR target
     * @param curve     ROC at the bins' edges, for plots: fpr, tpr, lower edge of the bin
     */
    public record Result(long genuine, long impostor, double auc, double eer, double eerThreshold, List<Operating> tarAtFar,
                         double[][] curve) {

        /** The JSON form: counts, AUC, EER, TAR@FAR (by key and in detail), the binned ROC, the method. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            Map<String, Object> pairs = new LinkedHashMap<>();
            pairs.put("total", genuine + impostor);
            pairs.put("genuine", genuine);
            pairs.put("impostor", impostor);
            json.put("pairs", pairs);
            json.put("auc", auc);
            json.put("eer", eer);
            json.put("eer_threshold_cosine", eerThreshold);
            Map<String, Object> tar = new LinkedHashMap<>();
            List<Map<String, Object>> detail = new ArrayList<>();
            for (Operating op : tarAtFar) {
                if (op.reachable()) {
                    tar.put(Verification.farKey(op.farTarget()), op.tar());
                }
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("far_target", op.farTarget());
                point.put("reachable", op.reachable());
                point.put("tar", op.reachable() ? op.tar() : null);
                point.put("threshold_cosine", Double.isInfinite(op.thresholdCosine()) ? null : op.thresholdCosine());
                point.put("far_reached", op.far());
                point.put("false_accepts", op.falseAccepts());
                point.put("true_accepts", op.trueAccepts());
                detail.add(point);
            }
            json.put("tar_at_far", tar);
            json.put("tar_at_far_detail", detail);
            json.put("method", "every pair of distinct images (i < j), cosine of float32 unit rows by blocked matrix products; "
                    + "exact counts: TAR@FAR at the lowest cosine whose FAR does not exceed the target (accept if cosine >= "
                    + "threshold; the score at the target found by two-pass radix selection over the impostor scores), AUC as "
                    + "the Mann-Whitney count (ties count 1/2) = trapezoid area under the full ROC, EER by linear interpolation "
                    + "on the exact ROC points where FNR meets FPR; targets below 1/impostor pairs are not reachable");
            Map<String, Object> roc = new LinkedHashMap<>();
            roc.put("fpr", curve[0]);
            roc.put("tpr", curve[1]);
            roc.put("threshold_cosine", curve[2]);
            roc.put("note", "ROC at the edges of 65,536 score bins (16-bit prefixes of the float32 score), for plots; "
                    + "the numbers above are exact");
            json.put("roc", roc);
            return json;
        }
    }

    private AllPairScores() {}

    /**
     * Scores every pair of distinct rows.
     *
     * @param rows       row-major embeddings, {@code dim} columns, any norm (normalised here)
     * @param identity   the person of each row
     * @param farTargets FARs to report TAR at
     * @param block      rows per matrix-product block
     */
    public static Result evaluate(float[] rows, int dim, int[] identity, double[] farTargets, int block) {
        int n = identity.length;
        if (dim < 1 || rows.length != (long) n * dim) {
            throw new IllegalArgumentException(rows.length + " values are not " + n + " rows of " + dim);
        }
        if (block < 1) {
            throw new IllegalArgumentException("block must be >= 1, got " + block);
        }
        long genuine = genuinePairs(identity);
        long impostor = (long) n * (n - 1) / 2 - genuine;
        if (genuine == 0 || impostor == 0) {
            throw new IllegalArgumentException("all-pairs verification needs same-person and different-person pairs, got "
                    + genuine + " and " + impostor + " (" + n + " images)");
        }
        if (genuine > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(genuine + " same-person pairs: too many to keep (at most " + (Integer.MAX_VALUE - 16) + ")");
        }
        float[] unit = BlockedScores.normalizedRows(rows, dim);

        // Pass 1: every genuine key kept, impostors counted per 16-bit prefix.
        int[] genuineKeys = new int[(int) genuine];
        long[] impostorBins = new long[BINS];
        int[] taken = {0};
        forEachPair(unit, dim, identity, block, (key, same) -> {
            if (same) {
                genuineKeys[taken[0]++] = key;
            } else {
                impostorBins[bin(key)]++;
            }
        });
        Arrays.sort(genuineKeys);
        int[] genuineStart = new int[BINS + 1];   // genuine keys of bin b: genuineStart[b] .. genuineStart[b+1]−1
        for (int key : genuineKeys) {
            genuineStart[bin(key) + 1]++;
        }
        for (int b = 0; b < BINS; b++) {
            genuineStart[b + 1] += genuineStart[b];
        }

        // Which bins pass 2 must resolve to full keys: the one of each FAR target's score, and the EER's.
        List<Integer> refine = new ArrayList<>();
        long[] allowed = new long[farTargets.length];
        int[] targetBin = new int[farTargets.length];
        long[] aboveTargetBin = new long[farTargets.length];
        for (int t = 0; t < farTargets.length; t++) {
            double far = farTargets[t];
            if (!(far >= 0 && far <= 1)) {
                throw new IllegalArgumentException("FAR targets must be in [0, 1], got " + far);
            }
            allowed[t] = (long) Math.floor(far * impostor + 1e-9);
            targetBin[t] = -1;
            if (allowed[t] < impostor) {
                long rank = allowed[t] + 1;   // the rank-th highest impostor score is v
                long above = 0;
                for (int b = BINS - 1; b >= 0; b--) {
                    if (above + impostorBins[b] >= rank) {
                        targetBin[t] = b;
                        aboveTargetBin[t] = above;
                        break;
                    }
                    above += impostorBins[b];
                }
                addOnce(refine, targetBin[t]);
            }
        }
        int eerBin = -1;
        long eerFpBefore = 0;
        long eerTpBefore = 0;
        long fp = 0;
        long tp = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            long fpAfter = fp + impostorBins[b];
            long tpAfter = tp + (genuineStart[b + 1] - genuineStart[b]);
            if (fpAfter + tpAfter > fp + tp && gap(fpAfter, impostor, tpAfter, genuine) <= 0) {
                eerBin = b;
                eerFpBefore = fp;
                eerTpBefore = tp;
                break;
            }
            fp = fpAfter;
            tp = tpAfter;
        }
        addOnce(refine, eerBin);
        int[] slotOfBin = new int[BINS];
        Arrays.fill(slotOfBin, -1);
        long[][] low = new long[refine.size()][];
        for (int s = 0; s < refine.size(); s++) {
            slotOfBin[refine.get(s)] = s;
            low[s] = new long[BINS];
        }

        // Pass 2: impostors of those bins counted per full key; every impostor ranked among the genuine scores (AUC).
        long[] twiceWins = {0};
        forEachPair(unit, dim, identity, block, (key, same) -> {
            if (same) {
                return;
            }
            int b = bin(key);
            int slot = slotOfBin[b];
            if (slot >= 0) {
                low[slot][key & 0xffff]++;
            }
            int from = genuineStart[b];
            int to = genuineStart[b + 1];
            long greater = genuineKeys.length - to;
            long equal = 0;
            if (from < to) {
                int firstAbove = upperBound(genuineKeys, from, to, key);
                greater += to - firstAbove;
                equal = firstAbove - lowerBound(genuineKeys, from, firstAbove, key);
            }
            twiceWins[0] += 2 * greater + equal;
        });
        double auc = twiceWins[0] / (2.0 * genuine * (double) impostor);

        List<Operating> operating = new ArrayList<>();
        for (int t = 0; t < farTargets.length; t++) {
            boolean reachable = farTargets[t] * impostor >= 1 - 1e-9;
            if (targetBin[t] < 0) {   // every impostor may be accepted
                operating.add(new Operating(farTargets[t], reachable, 1.0, 1.0, impostor, genuine, Double.NEGATIVE_INFINITY,
                        Double.NaN));
                continue;
            }
            long[] counts = low[slotOfBin[targetBin[t]]];
            long rank = allowed[t] + 1 - aboveTargetBin[t];
            long above = 0;
            int v = 0;
            for (int l = BINS - 1; l >= 0; l--) {
                if (above + counts[l] >= rank) {
                    v = keyOf(targetBin[t], l);
                    break;
                }
                above += counts[l];
            }
            long falseAccepts = aboveTargetBin[t] + above;
            long trueAccepts = genuineKeys.length - upperBound(genuineKeys, 0, genuineKeys.length, v);
            float score = scoreOf(v);
            operating.add(new Operating(farTargets[t], reachable, (double) trueAccepts / genuine, (double) falseAccepts / impostor,
                    falseAccepts, trueAccepts, Math.nextUp(score), score));
        }

        double[] eer = eer(eerBin, low[slotOfBin[eerBin]], genuineKeys, genuineStart, eerFpBefore, eerTpBefore, impostor, genuine);
        return new Result(genuine, impostor, auc, eer[0], eer[1], operating, binnedCurve(impostorBins, genuineStart, impostor, genuine));
    }

    /** A score's key: a 32-bit int in the scores' order (−0 taken as +0); NaN is refused. */
    static int key(float score) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("a pair's cosine is NaN (an embedding is not finite)");
        }
        int bits = Float.floatToRawIntBits(score == 0f ? 0f : score);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The score of a key. */
    static float scoreOf(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }

    /** 16-bit prefix of a key, 0..65535 in score order. */
    static int bin(int key) {
        return (key >> 16) + (BINS / 2);
    }

    private static int keyOf(int bin, int low) {
        return ((bin - BINS / 2) << 16) | low;
    }

    /** 1 − FPR − TPR: positive before the EER crossing, non-positive from it on. */
    private static double gap(long fp, long impostor, long tp, long genuine) {
        return 1 - (double) fp / impostor - (double) tp / genuine;
    }

    /**
     * {@link Roc#eer} and {@link Roc#eerThreshold} on the exact ROC points of {@code bin} (its distinct keys from the
     * top), starting from the point before it, where 1 − FPR − TPR is still positive.
     */
    private static double[] eer(int bin, long[] impostorLow, int[] genuineKeys, int[] genuineStart, long fp, long tp,
                                long impostor, long genuine) {
        int g = genuineStart[bin + 1] - 1;   // genuine keys of the bin, walked downwards
        double fprPrev = (double) fp / impostor;
        double tprPrev = (double) tp / genuine;
        for (int l = BINS - 1; l >= 0; l--) {
            int key = keyOf(bin, l);
            long genuineHere = 0;
            while (g >= genuineStart[bin] && genuineKeys[g] == key) {
                genuineHere++;
                g--;
            }
            if (genuineHere + impostorLow[l] == 0) {
                continue;
            }
            fp += impostorLow[l];
            tp += genuineHere;
            double fpr = (double) fp / impostor;
            double tpr = (double) tp / genuine;
            double gRight = 1 - fpr - tpr;
            if (gRight <= 0) {
                double rate;
                if (fpr == fprPrev) {
                    rate = fpr;
                } else {
                    double slope = (tpr - tprPrev) / (fpr - fprPrev);
                    rate = (1 - tprPrev + slope * fprPrev) / (1 + slope);
                }
                return new double[] {rate, scoreOf(key)};
            }
            fprPrev = fpr;
            tprPrev = tpr;
        }
        throw new IllegalStateException("EER crossing not found in its bin");
    }

    /** The ROC at each non-empty bin's lower edge, from the highest bin down, after the point (0, 0). */
    private static double[][] binnedCurve(long[] impostorBins, int[] genuineStart, long impostor, long genuine) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0, Double.NaN});
        long fp = 0;
        long tp = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            long gHere = genuineStart[b + 1] - genuineStart[b];
            if (impostorBins[b] + gHere == 0) {
                continue;
            }
            fp += impostorBins[b];
            tp += gHere;
            points.add(new double[] {(double) fp / impostor, (double) tp / genuine, scoreOf(keyOf(b, 0))});
        }
        double[][] curve = new double[3][points.size()];
        for (int i = 0; i < points.size(); i++) {
            for (int k = 0; k < 3; k++) {
                curve[k][i] = points.get(i)[k];
            }
        }
        return curve;
    }

    private static void addOnce(List<Integer> list, int bin) {
        if (bin >= 0 && !list.contains(bin)) {
            list.add(bin);
        }
    }

    /** Σ n_i (n_i − 1) / 2 over the people. */
    static long genuinePairs(int[] identity) {
        Map<Integer, Long> counts = new java.util.HashMap<>();
        for (int id : identity) {
            counts.merge(id, 1L, Long::sum);
        }
        long total = 0;
        for (long c : counts.values()) {
            total += c * (c - 1) / 2;
        }
        return total;
    }

    /** First index in [from, to) of the ascending {@code keys} whose key is > {@code key}. */
    private static int upperBound(int[] keys, int from, int to, int key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index in [from, to) whose key is >= {@code key}. */
    private static int lowerBound(int[] keys, int from, int to, int key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @FunctionalInterface
    private interface PairConsumer {
        void accept(int key, boolean same);
    }

    /** Every pair i &lt; j once, in a fixed order: query blocks against the rows from their own start on. */
    private static void forEachPair(float[] unit, int dim, int[] identity, int block, PairConsumer consumer) {
        int n = identity.length;
        for (int q = 0; q < n; q += block) {
            int qc = Math.min(block, n - q);
            int base = q;
            float[] queries = Arrays.copyOfRange(unit, q * dim, (q + qc) * dim);
            float[] references = Arrays.copyOfRange(unit, q * dim, n * dim);
            BlockedScores.forEachBlock(queries, references, dim, block, (q0, count, r0, rc, scores) -> {
                for (int i = 0; i < count; i++) {
                    int row = base + q0 + i;
                    int id = identity[row];
                    int firstColumn = Math.max(0, row + 1 - (base + r0));   // only j > i
                    for (int j = firstColumn; j < rc; j++) {
                        consumer.accept(key(scores[i * rc + j]), identity[base + r0 + j] == id);
                    }
                }
            });
        }
    }
}
