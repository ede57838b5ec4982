package dev.hypersphere.eval.verify;

/**
 * Cross-validation folds over pairs in file order. The published protocols all split contiguously: LFW's
 * pairs.txt holds its 10 sets one after another, insightface uses {@code KFold(n_splits=10, shuffle=False)},
 * SphereFace {@code ceil(i / 600)} and FaceX-Zoo {@code index // 600}; for 6,000 pairs these are the same split.
 * For other counts scikit-learn's rule is used: the first {@code n mod k} folds get one pair more.
 */
public final class Folds {

    private Folds() {}

    /** Fold index (0-based) of each of {@code n} pairs split into {@code k} contiguous folds. */
    public static int[] contiguous(int n, int k) {
        if (k < 2 || n < k) {
            throw new IllegalArgumentException("cannot split " + n + " pairs into " + k + " folds (need at least one pair per fold, k >= 2)");
        }
        int[] fold = new int[n];
        int base = n / k;
        int extra = n % k;
        int at = 0;
        for (int f = 0; f < k; f++) {
            int size = base + (f < extra ? 1 : 0);
            for (int i = 0; i < size; i++) {
                fold[at++] = f;
            }
        }
        return fold;
    }

    /** Number of folds: one more than the largest index; every index in between must occur. */
    public static int count(int[] fold) {
        int max = -1;
        for (int f : fold) {
            if (f < 0) {
                throw new IllegalArgumentException("fold indices must be >= 0, got " + f);
            }
            max = Math.max(max, f);
        }
        boolean[] seen = new boolean[max + 1];
        for (int f : fold) {
            seen[f] = true;
        }
        for (int f = 0; f <= max; f++) {
            if (!seen[f]) {
                throw new IllegalArgumentException("fold " + f + " holds no pair (folds must be numbered 0.." + max + " without gaps)");
            }
        }
        return max + 1;
    }
}
