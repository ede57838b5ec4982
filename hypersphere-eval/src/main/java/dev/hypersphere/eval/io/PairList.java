package dev.hypersphere.eval.io;

import java.util.List;

/**
 * Verification pairs as rows of an embedding set: pair p compares row {@code left[p]} with row {@code right[p]},
 * {@code same[p]} says whether they show the same identity, {@code fold[p]} is its cross-validation fold.
 * {@code warnings} are problems that do not stop the evaluation (e.g. unequal same/different counts).
 */
public record PairList(String source, int[] left, int[] right, boolean[] same, int[] fold, List<String> warnings) {

    public PairList {
        int n = same.length;
        if (left.length != n || right.length != n || fold.length != n) {
            throw new IllegalArgumentException("pair arrays must all have " + n + " entries");
        }
        warnings = List.copyOf(warnings);
    }

    public int size() {
        return same.length;
    }

    public int sameCount() {
        int count = 0;
        for (boolean s : same) {
            count += s ? 1 : 0;
        }
        return count;
    }

    public int differentCount() {
        return size() - sameCount();
    }
}
