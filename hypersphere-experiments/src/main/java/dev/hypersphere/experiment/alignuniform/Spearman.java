package dev.hypersphere.experiment.alignuniform;

/**
 * Spearman's rank correlation: Pearson's correlation of the two samples' ranks, tied values sharing the mean of
 * the ranks they span (as {@code scipy.stats.spearmanr}). NaN when either sample is constant (no ranking).
 */
final class Spearman {

    private Spearman() {}

    static double correlation(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Spearman needs paired samples, got " + x.length + " and " + y.length + " values");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("Spearman needs at least 2 pairs, got " + x.length);
        }
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks; a run of equal values gets the mean of its positions. NaN values are refused. */
    static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("cannot rank NaN (value " + i + ")");
            }
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) {
                end++;
            }
            double shared = (start + 1 + end) / 2.0;   // mean of the positions start+1 … end
            for (int k = start; k < end; k++) {
                ranks[order[k]] = shared;
            }
            start = end;
        }
        return ranks;
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
