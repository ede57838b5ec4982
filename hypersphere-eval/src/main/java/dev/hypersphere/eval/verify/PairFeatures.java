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
            for (int row : new int[] {leftRow[p], rightRow[p]}) {
                if (row < 0 || row >= count) {
                    throw new IllegalArgumentException("pair " + (p + 1) + " refers to row " + row + ", but " + source
                            + " has rows 0.." + (count - 1));
                }
                used[row] = true;
            }
        }
        for (int row = 0; row < count; row++) {
            if (used[row]) {
                EmbeddingSet.requireUsable(source, embeddings, row, dim);
                if (mode != FlipMode.NONE) {
                    EmbeddingSet.requireUsable(source + " (flipped)", flipped, row, dim);
                }
            }
        }
        int combined = mode.combinedDim(dim);
        float[] rows = embeddings;
        if (mode != FlipMode.NONE) {
            rows = new float[count * combined];
            for (int row = 0; row < count; row++) {
                mode.combine(embeddings, row * dim, flipped, row * dim, dim, rows, row * combined);
            }
        }
        double[] norms = new double[count];
        for (int row = 0; row < count; row++) {
            norms[row] = used[row] ? Math.sqrt(Dot.of(rows, row * combined, rows, row * combined, combined)) : Double.NaN;
        }
        return new PairFeatures(rows, combined, norms, leftRow, rightRow, same, fold);
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
            double cos = Dot.of(rows, a * dim, rows, b * dim, dim) / (norms[a] * norms[b]);
            out[p] = Math.max(-1, Math.min(1, cos));
        }
        return out;
    }

    /** insightface's score: squared L2 distance of the L2-normalised features (each divided by its norm), in float64. */
    public double[] squaredDistances() {
        double[] out = new double[size()];
        for (int p = 0; p < out.length; p++) {
            int a = leftRow[p] * dim;
            int b = rightRow[p] * dim;
            double na = norms[leftRow[p]];
            double nb = norms[rightRow[p]];
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                double diff = rows[a + k] / na - rows[b + k] / nb;
                sum += diff * diff;
            }
            out[p] = sum;
        }
        return out;
    }
}
