package dev.hypersphere.eval.verify;

import java.util.Arrays;

/**
 * The scores of the same pairs and of the different pairs, each sorted ascending, over all pairs and within each
 * fold. A count over the training folds is the count over all pairs minus the count over the held-out fold, so
 * the pairs are sorted once instead of once per fold.
 *
 * @param same scores of all same pairs
 * @param different scores of all different pairs
 * @param foldSame scores of each fold's same pairs
 * @param foldDifferent scores of each fold's different pairs
 */
record FoldedSides(double[] same, double[] different, double[][] foldSame, double[][] foldDifferent) {

    static FoldedSides of(double[] scores, boolean[] isSame, int[] fold, int folds) {
        int[] sameCount = new int[folds];
        int[] differentCount = new int[folds];
        for (int i = 0; i < scores.length; i++) {
            if (isSame[i]) {
                sameCount[fold[i]]++;
            } else {
                differentCount[fold[i]]++;
            }
        }
        double[][] foldSame = new double[folds][];
        double[][] foldDifferent = new double[folds][];
        for (int f = 0; f < folds; f++) {
            foldSame[f] = new double[sameCount[f]];
            foldDifferent[f] = new double[differentCount[f]];
        }
        int[] sameAt = new int[folds];
        int[] differentAt = new int[folds];
        for (int i = 0; i < scores.length; i++) {
            int f = fold[i];
            if (isSame[i]) {
                foldSame[f][sameAt[f]++] = scores[i];
            } else {
                foldDifferent[f][differentAt[f]++] = scores[i];
            }
        }
        double[][] all = FoldSplit.sortedBySide(scores, isSame);
        for (int f = 0; f < folds; f++) {
            Arrays.sort(foldSame[f]);
            Arrays.sort(foldDifferent[f]);
        }
        return new FoldedSides(all[0], all[1], foldSame, foldDifferent);
    }

    int trainSameCount(int held) {
        return same.length - foldSame[held].length;
    }

    int trainDifferentCount(int held) {
        return different.length - foldDifferent[held].length;
    }

    int foldSize(int f) {
        return foldSame[f].length + foldDifferent[f].length;
    }

    /** The lowest training score of one side (sorted order, as the first of the sorted training scores), or +∞. */
    static double trainFirst(double[][] foldSides, int held) {
        double first = Double.POSITIVE_INFINITY;
        boolean any = false;
        for (int f = 0; f < foldSides.length; f++) {
            double[] side = foldSides[f];
            if (f != held && side.length > 0 && (!any || Double.compare(side[0], first) < 0)) {
                first = side[0];
                any = true;
            }
        }
        return first;
    }

    /** The highest training score of one side (sorted order, as the last of the sorted training scores), or −∞. */
    static double trainLast(double[][] foldSides, int held) {
        double last = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (int f = 0; f < foldSides.length; f++) {
            double[] side = foldSides[f];
            if (f != held && side.length > 0 && (!any || Double.compare(side[side.length - 1], last) > 0)) {
                last = side[side.length - 1];
                any = true;
            }
        }
        return last;
    }

    /** Element-wise {@code total − fold}: a count over the training folds. */
    static int[] minus(int[] total, int[] fold) {
        int[] out = new int[total.length];
        for (int i = 0; i < total.length; i++) {
            out[i] = total[i] - fold[i];
        }
        return out;
    }
}
