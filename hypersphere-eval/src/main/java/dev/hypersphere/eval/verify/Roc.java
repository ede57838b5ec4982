package dev.hypersphere.eval.verify;

import java.util.Arrays;

/**
 * The ROC curve of similarity scores (higher = more alike; a pair is accepted when {@code score >= threshold}),
 * built as scikit-learn's {@code roc_curve}: one point per distinct score, highest first, after a first point
 * (0, 0) at threshold +∞; {@link #dropIntermediate()} removes the collinear points as sklearn's default does.
 * FPR is the false accept rate (FAR), TPR the true accept rate (TAR).
 *
 * @param fpr false positive rate of each point, non-decreasing
 * @param tpr true positive rate of each point, non-decreasing
 * @param threshold the score threshold of each point (+∞ for the first)
 * @param falsePositives false accepts at each point (integer counts)
 * @param truePositives true accepts at each point
 */
public record Roc(double[] fpr, double[] tpr, double[] threshold, long[] falsePositives, long[] truePositives,
                  int positives, int negatives) {

    /**
     * The full curve of {@code scores} with labels {@code same}. Each side is sorted on its own (primitive sorts)
     * and the two are merged from the top: the scores come in the same descending order as one sort of all pairs,
     * and a point is written after the last of each run of equal scores, where the counts do not depend on how
     * equal scores of the two sides interleave.
     */
    public static Roc of(double[] scores, boolean[] same) {
        int n = scores.length;
        if (n != same.length) {
            throw new IllegalArgumentException(n + " scores but " + same.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of pair " + i + " is NaN");
            }
        }
        double[][] sides = FoldSplit.sortedBySide(scores, same);
        double[] pos = sides[0];
        double[] neg = sides[1];
        int positives = pos.length;
        int negatives = neg.length;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs both same and different pairs, got " + positives
                    + " same and " + negatives + " different");
        }
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        double[] threshold = new double[n + 1];
        long[] fps = new long[n + 1];
        long[] tps = new long[n + 1];
        threshold[0] = Double.POSITIVE_INFINITY;
        int m = 1;
        int i = positives - 1;
        int j = negatives - 1;
        while (i >= 0 || j >= 0) {
            double score;
            if (j < 0 || (i >= 0 && Double.compare(pos[i], neg[j]) >= 0)) {
                score = pos[i--];
            } else {
                score = neg[j--];
            }
            boolean last = i < 0 && j < 0;
            if (!last) {
                double next = j < 0 || (i >= 0 && Double.compare(pos[i], neg[j]) >= 0) ? pos[i] : neg[j];
                last = next != score;
            }
            if (last) {
                long tp = positives - 1 - i;
                long fp = negatives - 1 - j;
                fps[m] = fp;
                tps[m] = tp;
                fpr[m] = (double) fp / negatives;
                tpr[m] = (double) tp / positives;
                threshold[m] = score;
                m++;
            }
        }
        return new Roc(Arrays.copyOf(fpr, m), Arrays.copyOf(tpr, m), Arrays.copyOf(threshold, m), Arrays.copyOf(fps, m),
                Arrays.copyOf(tps, m), positives, negatives);
    }

    /** sklearn's {@code drop_intermediate=True}: keeps the ends and every point where the curve bends. */
    public Roc dropIntermediate() {
        int m = fpr.length - 1;   // sklearn decides on the points after the (0, 0) it prepends
        if (m <= 2) {
            return this;
        }
        int[] keep = new int[fpr.length];
        int k = 0;
        keep[k++] = 0;
        for (int j = 0; j < m; j++) {
            int at = j + 1;
            boolean end = j == 0 || j == m - 1;
            if (end || falsePositives[at - 1] - 2 * falsePositives[at] + falsePositives[at + 1] != 0
                    || truePositives[at - 1] - 2 * truePositives[at] + truePositives[at + 1] != 0) {
                keep[k++] = at;
            }
        }
        double[] f = new double[k];
        double[] t = new double[k];
        double[] th = new double[k];
        long[] fps = new long[k];
        long[] tps = new long[k];
        for (int j = 0; j < k; j++) {
            int at = keep[j];
            f[j] = fpr[at];
            t[j] = tpr[at];
            th[j] = threshold[at];
            fps[j] = falsePositives[at];
            tps[j] = truePositives[at];
        }
        return new Roc(f, t, th, fps, tps, positives, negatives);
    }

    /** Area under the curve by the trapezoid rule (sklearn's {@code auc(fpr, tpr)}). */
    public double auc() {
        double area = 0;
        for (int j = 1; j < fpr.length; j++) {
            area += (fpr[j] - fpr[j - 1]) * (tpr[j] + tpr[j - 1]) / 2.0;
        }
        return area;
    }

    /**
     * TPR at {@code far} by linear interpolation between ROC points, as {@code interp1d(fpr, tpr)} computes it
     * (SciPy hands this case to {@code np.interp}): from the last point whose FPR is ≤ {@code far} towards the next
     * one, so on a vertical step the upper point counts.
     */
    public double interpolatedTpr(double far) {
        if (!(far >= 0 && far <= 1)) {
            throw new IllegalArgumentException("FAR must be in [0, 1], got " + far);
        }
        int j = 0;
        while (j + 1 < fpr.length && fpr[j + 1] <= far) {
            j++;
        }
        if (j == fpr.length - 1) {
            return tpr[j];
        }
        double slope = (tpr[j + 1] - tpr[j]) / (fpr[j + 1] - fpr[j]);
        return slope * (far - fpr[j]) + tpr[j];
    }

    /**
     * Equal error rate: the FPR where FNR = 1 − TPR equals FPR on the linearly interpolated curve (OpenSphere finds
     * it with {@code brentq(lambda x: 1 − x − interp1d(fpr, tpr)(x), 0, 1)}; here the crossing segment is solved
     * exactly). At a vertical step the crossing is the step's FPR.
     */
    public double eer() {
        for (int j = 1; j < fpr.length; j++) {
            double gLeft = 1 - fpr[j - 1] - tpr[j - 1];
            double gRight = 1 - fpr[j] - tpr[j];
            if (gLeft >= 0 && gRight <= 0) {
                if (fpr[j] == fpr[j - 1]) {
                    return fpr[j];
                }
                double slope = (tpr[j] - tpr[j - 1]) / (fpr[j] - fpr[j - 1]);
                return (1 - tpr[j - 1] + slope * fpr[j - 1]) / (1 + slope);
            }
        }
        return fpr[fpr.length - 1];
    }

    /** The score threshold nearest the EER: the first ROC point whose FNR is no longer above its FPR. */
    public double eerThreshold() {
        for (int j = 0; j < fpr.length; j++) {
            if (1 - tpr[j] <= fpr[j]) {
                return threshold[j];
            }
        }
        return threshold[threshold.length - 1];
    }

    /** TAR at a FAR target, measured (not interpolated) at one threshold, with what was actually reached. */
    public record Operating(double farTarget, double tar, double threshold, double far, long falseAccepts, boolean reachable) {}

    /**
     * The highest TAR whose FAR does not exceed {@code farTarget}: the last ROC point with FPR ≤ target (ties in
     * score cannot be split, so the FAR reached may be lower than the target). Not interpolated. A target below
     * 1/negatives is not {@code reachable}: the pairs cannot measure it.
     */
    public Operating tarAtFar(double farTarget) {
        boolean reachable = farTarget * negatives >= 1 - 1e-9;
        int at = 0;
        for (int j = 0; j < fpr.length; j++) {
            if (falsePositives[j] <= Math.floor(farTarget * negatives + 1e-9)) {
                at = j;
            }
        }
        return new Operating(farTarget, tpr[at], threshold[at], fpr[at], falsePositives[at], reachable);
    }
}
