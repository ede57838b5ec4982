package dev.hypersphere.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded samples of indices, for evaluating on part of a large set reproducibly. */
public final class Subsets {

    private Subsets() {}

    /** {@code k} distinct indices of [0, n), drawn by a seeded partial Fisher–Yates shuffle, in ascending order. */
    public static int[] seeded(int n, int k, long seed) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + n + " indices");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] subset = Arrays.copyOf(order, k);
        Arrays.sort(subset);
        return subset;
    }
}
