package dev.hypersphere.eval.verify;

/** The pairs of one cross-validation round: the held-out fold (test) and all the others (train). */
record FoldSplit(int[] train, int[] test) {

    static FoldSplit of(int[] fold, int held) {
        int testCount = 0;
        for (int f : fold) {
            if (f == held) {
                testCount++;
            }
        }
        int[] train = new int[fold.length - testCount];
        int[] test = new int[testCount];
        int a = 0;
        int b = 0;
        for (int i = 0; i < fold.length; i++) {
            if (fold[i] == held) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new FoldSplit(train, test);
    }

    /** {@code values[i]} for each index, in index order. */
    static double[] pick(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    static boolean[] pick(boolean[] values, int[] indices) {
        boolean[] out = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** Scores of the same pairs and of the different pairs, each sorted ascending. */
    static double[][] sortedBySide(double[] scores, boolean[] same) {
        int positives = 0;
        for (boolean s : same) {
            positives += s ? 1 : 0;
        }
        double[] pos = new double[positives];
        double[] neg = new double[same.length - positives];
        int p = 0;
        int n = 0;
        for (int i = 0; i < same.length; i++) {
            if (same[i]) {
                pos[p++] = scores[i];
            } else {
                neg[n++] = scores[i];
            }
        }
        java.util.Arrays.sort(pos);
        java.util.Arrays.sort(neg);
        return new double[][] {pos, neg};
    }

    /** How many of the ascending {@code sorted} values are {@code < x}. */
    static int countBelow(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of the ascending {@code sorted} values are {@code <= x}. */
    static int countAtMost(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
