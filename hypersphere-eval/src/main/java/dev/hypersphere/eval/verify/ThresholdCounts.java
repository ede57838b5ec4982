package dev.hypersphere.eval.verify;

/**
 * How many of an ascending array of scores lie below (or at most at) each threshold of a grid. When the grid
 * ascends, one merge-like sweep gives every count (the counts only grow); otherwise each count is a binary search.
 * Both ask the same comparison of the same values, so the counts are the same.
 */
final class ThresholdCounts {

    private ThresholdCounts() {}

    /** {@code out[i]} = how many of {@code sorted} are {@code < thresholds[i]}. */
    static int[] below(double[] sorted, double[] thresholds) {
        int[] out = new int[thresholds.length];
        if (!ascending(thresholds)) {
            for (int i = 0; i < thresholds.length; i++) {
                out[i] = FoldSplit.countBelow(sorted, thresholds[i]);
            }
            return out;
        }
        int at = 0;
        for (int i = 0; i < thresholds.length; i++) {
            double t = thresholds[i];
            while (at < sorted.length && sorted[at] < t) {
                at++;
            }
            out[i] = at;
        }
        return out;
    }

    /** {@code out[i]} = how many of {@code sorted} are {@code <= thresholds[i]}. */
    static int[] atMost(double[] sorted, double[] thresholds) {
        int[] out = new int[thresholds.length];
        if (!ascending(thresholds)) {
            for (int i = 0; i < thresholds.length; i++) {
                out[i] = FoldSplit.countAtMost(sorted, thresholds[i]);
            }
            return out;
        }
        int at = 0;
        for (int i = 0; i < thresholds.length; i++) {
            double t = thresholds[i];
            while (at < sorted.length && sorted[at] <= t) {
                at++;
            }
            out[i] = at;
        }
        return out;
    }

    /** Non-decreasing and free of NaN (a NaN fails the comparison): the condition for the sweep. */
    private static boolean ascending(double[] thresholds) {
        for (int i = 1; i < thresholds.length; i++) {
            if (!(thresholds[i] >= thresholds[i - 1])) {
                return false;
            }
        }
        return thresholds.length == 0 || !Double.isNaN(thresholds[0]);
    }
}
