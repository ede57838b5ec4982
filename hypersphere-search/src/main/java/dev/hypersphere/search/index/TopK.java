package dev.hypersphere.search.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the {@code k} best (row, score) offers in order: higher score first, lower row first on equal scores,
 * so that results do not depend on the order offers arrive in.
 */
final class TopK {

    private final int k;
    private final int[] rows;
    private final float[] scores;
    private int size;

    TopK(int k) {
        this.k = k;
        this.rows = new int[k];
        this.scores = new float[k];
    }

    /** Score below which an offer cannot enter (−∞ until full). */
    float floor() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[size - 1];
    }

    void offer(int row, float score) {
        if (k == 0 || (size == k && !better(row, score, rows[size - 1], scores[size - 1]))) {
            return;
        }
        int at = size == k ? k - 1 : size++;
        while (at > 0 && better(row, score, rows[at - 1], scores[at - 1])) {
            rows[at] = rows[at - 1];
            scores[at] = scores[at - 1];
            at--;
        }
        rows[at] = row;
        scores[at] = score;
    }

    private static boolean better(int row, float score, int otherRow, float otherScore) {
        return score > otherScore || (score == otherScore && row < otherRow);
    }

    List<Hit> hits(String[] ids) {
        List<Hit> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Hit(ids[rows[i]], scores[i]));
        }
        return out;
    }

    int[] rows() {
        return java.util.Arrays.copyOf(rows, size);
    }
}
