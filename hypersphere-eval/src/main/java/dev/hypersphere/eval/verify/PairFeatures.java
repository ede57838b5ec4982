package dev.hypersphere.eval.verify;

import dev.hypersphere.eval.io.EmbeddingSet;

/**
 * The features of every pair, after the flip-test combination, with the pair labels and folds: what every protocol
 * needs. Features are kept once per row ({@code rows}, row-major, {@code dim} columns) and pairs point at them,
 * so nothing is copied per pair; {@code norms} are the rows' L2 norms in float64.
 */
public record PairFeatures(float[] rows, int dim, double[] norms, int[] leftRow, int[] rightRow, boolean[] same, int[] fold) {

    public PairFeatures {
        int n = same.length;
        if (fold.length != n || leftRow.length != n || rightRow.length != n || norms.length * (long) dim != rows.length) {
            throw new IllegalArgumentException("pair features: inconsistent sizes");
        }
    }

    /**
     * Combines a set of embeddings (row-major, {@code dim} columns) with its flipped twin according to {@code mode}
     * (no copy for NONE) and checks every row a pair uses: finite and non-zero, or an error naming the row.
     *
     * @param source how to name the embeddings in error messages (usually the file)
     */
    public static PairFeatures gather(String source, float[] embeddings, float[] flipped, int dim, FlipMode mode,
                                      int[] leftRow, int[] rightRow, boolean[] same, int[] fold) {
        if (mode != FlipMode.NONE && flipped == null) {
            throw new IllegalArgumentException("flip mode '" + mode.cliName() + "' needs the flipped images' embeddings");
        }
        if (mode != FlipMode.NONE && flipped.length != embeddings.length) {
            throw new IllegalArgumentException("the flipped embeddings hold " + flipped.length / dim + " rows, the embeddings "
                    + embeddings.length / dim + ": they must match row for row");
        }
        int count = embeddings.length / dim;
        boolean[] used = new boolean[count];
        for (int p = 0; p < same.length; p++) {
            markUsed(source, leftRow[p], p, count, used);
            markUsed(source, rightRow[p], p, count, used);
        }
        int combined = mode.combinedDim(dim);
        double[] norms = new double[count];
        for (int row = 0; row < count; row++) {
            if (used[row]) {
                double squared = usableSquaredNorm(source, embeddings, row, dim);
                if (mode == FlipMode.NONE) {
                    norms[row] = Math.sqrt(squared);   // the rows are the embeddings: this is the norm below
                } else {
                    usableSquaredNorm(source + " (flipped)", flipped, row, dim);
                }
            } else {
                norms[row] = Double.NaN;
            }
        }
        float[] rows = embeddings;
        if (mode != FlipMode.NONE) {
            rows = new float[count * combined];
            for (int row = 0; row < count; row++) {
                mode.combine(embeddings, row * dim, flipped, row * dim, dim, rows, row * combined);
            }
            for (int row = 0; row < count; row++) {
                if (used[row]) {
                    norms[row] = Math.sqrt(Dot.of(rows, row * combined, rows, row * combined, combined));
                }
            }
        }
        return new PairFeatures(rows, combined, norms, leftRow, rightRow, same, fold);
    }

    private static void markUsed(String source, int row, int pair, int count, boolean[] used) {
        if (row < 0 || row >= count) {
            throw new IllegalArgumentException("pair " + (pair + 1) + " refers to row " + row + ", but " + source
                    + " has rows 0.." + (count - 1));
        }
        used[row] = true;
    }

    /**
     * The row's squared norm ({@link Dot}), checked in the same pass: the squares of floats are exact and
     * non-negative in float64, so the sum is finite and positive exactly when every value is finite and one is not
     * zero, which is what {@link EmbeddingSet#requireUsable} demands; that method then words the error.
     */
    private static double usableSquaredNorm(String source, float[] data, int row, int dim) {
        double squared = Dot.of(data, row * dim, data, row * dim, dim);
        if (!(squared > 0 && squared < Double.POSITIVE_INFINITY)) {
            EmbeddingSet.requireUsable(source, data, row, dim);
        }
        return squared;
    }

    public int size() {
        return same.length;
    }

    /** Cosine similarity of each pair, in float64, clamped to [−1, 1]. */
    public double[] cosines() {
        double[] out = new double[size()];
        for (int p = 0; p < out.length; p++) {
            int a = leftRow[p];
            int b = rightRow[p];
            out[p] = PairScores.cosine(Dot.of(rows, a * dim, rows, b * dim, dim), norms[a], norms[b]);
        }
        return out;
    }

    /** insightface's score: squared L2 distance of the L2-normalised features (each divided by its norm), in float64. */
    public double[] squaredDistances() {
        double[] out = new double[size()];
        PairScores.squaredDistances(this, out);
        return out;
    }
}
