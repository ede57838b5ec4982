package dev.hypersphere.eval.verify;

import dev.hypersphere.eval.io.EmbeddingSet;

/**
 * The two features of every pair, after the flip-test combination, with the pair labels and folds: what every
 * protocol needs. {@code left} and {@code right} are row-major {@code pairs × dim} float arrays.
 */
public record PairFeatures(float[] left, float[] right, int dim, boolean[] same, int[] fold) {

    public PairFeatures {
        int n = same.length;
        if (fold.length != n || left.length != (long) n * dim || right.length != (long) n * dim) {
            throw new IllegalArgumentException("pair features must hold " + n + " rows of " + dim + " values and " + n + " folds");
        }
    }

    /**
     * Gathers the pairs' features from a set of embeddings (row-major, {@code dim} columns) and, unless
     * {@code mode} is NONE, its flipped twin; rows must be finite and non-zero (checked here, naming the row).
     *
     * @param source how to name the embeddings in error messages (usually the file)
     */
    public static PairFeatures gather(String source, float[] embeddings, float[] flipped, int dim, FlipMode mode,
                                      int[] leftRow, int[] rightRow, boolean[] same, int[] fold) {
        if (mode != FlipMode.NONE && flipped == null) {
            throw new IllegalArgumentException("flip mode '" + mode.cliName() + "' needs the flipped images' embeddings");
        }
        if (flipped != null && flipped.length != embeddings.length) {
            throw new IllegalArgumentException("the flipped embeddings hold " + flipped.length / dim + " rows, the embeddings "
                    + embeddings.length / dim + ": they must match row for row");
        }
        int rows = embeddings.length / dim;
        int combined = mode.combinedDim(dim);
        float[] left = new float[same.length * combined];
        float[] right = new float[same.length * combined];
        boolean[] checked = new boolean[rows];
        for (int p = 0; p < same.length; p++) {
            for (int side = 0; side < 2; side++) {
                int row = side == 0 ? leftRow[p] : rightRow[p];
                if (row < 0 || row >= rows) {
                    throw new IllegalArgumentException("pair " + (p + 1) + " refers to row " + row + ", but " + source
                            + " has rows 0.." + (rows - 1));
                }
                if (!checked[row]) {
                    EmbeddingSet.requireUsable(source, embeddings, row, dim);
                    if (flipped != null && mode != FlipMode.NONE) {
                        EmbeddingSet.requireUsable(source + " (flipped)", flipped, row, dim);
                    }
                    checked[row] = true;
                }
                mode.combine(embeddings, row * dim, flipped, row * dim, dim, side == 0 ? left : right, p * combined);
            }
        }
        return new PairFeatures(left, right, combined, same, fold);
    }

    public int size() {
        return same.length;
    }

    /** Cosine similarity of each pair, in float64. */
    public double[] cosines() {
        double[] out = new double[size()];
        for (int p = 0; p < out.length; p++) {
            int at = p * dim;
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int k = 0; k < dim; k++) {
                double a = left[at + k];
                double b = right[at + k];
                ab += a * b;
                aa += a * a;
                bb += b * b;
            }
            out[p] = Math.max(-1, Math.min(1, ab / (Math.sqrt(aa) * Math.sqrt(bb))));
        }
        return out;
    }

    /** insightface's score: squared L2 distance of the L2-normalised features, in float64. */
    public double[] squaredDistances() {
        double[] out = new double[size()];
        for (int p = 0; p < out.length; p++) {
            int at = p * dim;
            double na = FlipMode.norm(left, at, dim);
            double nb = FlipMode.norm(right, at, dim);
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                double diff = left[at + k] / na - right[at + k] / nb;
                sum += diff * diff;
            }
            out[p] = sum;
        }
        return out;
    }
}
