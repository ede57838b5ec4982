package dev.hypersphere.eval.verify;

/**
 * The scores of every pair, computed once per verification run and shared by the protocol and the threshold-free
 * numbers: the dot product of the two features, their cosine similarity, insightface's squared distance, and the
 * ROC curve of the cosines; on request also each fold's sum of its pairs' features (SphereFace's training means),
 * taken in the same pass while the rows are in cache. The arrays are shared, not copied: callers must not modify them.
 */
final class PairScores {

    /** Pairs whose squared distances are summed side by side, so that their sequential sums overlap in time. */
    private static final int GROUP = 4;

    private final PairFeatures pairs;
    private final double[] dots;
    private final double[] cosines;
    private final double[] squaredDistances;
    private final double[][] foldFeatureSums;
    private Roc roc;

    /** @param withFoldFeatureSums whether to also sum each fold's features ({@link #foldFeatureSums()}) */
    PairScores(PairFeatures pairs, boolean withFoldFeatureSums) {
        this.pairs = pairs;
        int n = pairs.size();
        this.dots = new double[n];
        this.cosines = new double[n];
        this.squaredDistances = new double[n];
        // One pass over the pairs: a group's rows are read from memory once, for the dots and for the distances.
        double[][] squares = new double[GROUP][pairs.dim()];
        this.foldFeatureSums = withFoldFeatureSums ? new double[Folds.count(pairs.fold())][pairs.dim()] : null;
        for (int start = 0; start < n; start += GROUP) {
            int end = Math.min(n, start + GROUP);
            for (int p = start; p < end; p++) {
                int a = pairs.leftRow()[p];
                int b = pairs.rightRow()[p];
                dots[p] = Dot.of(pairs.rows(), a * pairs.dim(), pairs.rows(), b * pairs.dim(), pairs.dim());
                cosines[p] = cosine(dots[p], pairs.norms()[a], pairs.norms()[b]);
            }
            squaredDistances(pairs, start, end, squares, squaredDistances);
            if (foldFeatureSums != null) {
                for (int p = start; p < end; p++) {
                    addPairFeatures(pairs.rows(), pairs.dim(), pairs.leftRow()[p], pairs.rightRow()[p], foldFeatureSums[pairs.fold()[p]]);
                }
            }
        }
    }

    /**
     * {@code sum[k] += left[k] + right[k]} in float64: one pair's contribution to its fold's feature sum, the pairs
     * of a fold added in pair order.
     */
    static void addPairFeatures(float[] rows, int dim, int leftRow, int rightRow, double[] sum) {
        int a = leftRow * dim;
        int b = rightRow * dim;
        for (int k = 0; k < dim; k++) {
            sum[k] += rows[a + k] + (double) rows[b + k];
        }
    }

    /** Each fold's sum of the left and right features of its pairs, or null when not asked for. */
    double[][] foldFeatureSums() {
        return foldFeatureSums;
    }

    PairFeatures pairs() {
        return pairs;
    }

    /** {@code left · right} of each pair in float64 ({@link Dot}). */
    double[] dots() {
        return dots;
    }

    /** {@link PairFeatures#cosines()}. */
    double[] cosines() {
        return cosines;
    }

    /** {@link PairFeatures#squaredDistances()}. */
    double[] squaredDistances() {
        return squaredDistances;
    }

    /** {@code Roc.of(cosines, same)}, built on first use. */
    Roc roc() {
        if (roc == null) {
            roc = Roc.of(cosines, pairs.same());
        }
        return roc;
    }

    /** Cosine similarity from the dot product and the norms, clamped to [−1, 1]. */
    static double cosine(double dot, double normA, double normB) {
        double cos = dot / (normA * normB);
        return Math.max(-1, Math.min(1, cos));
    }

    /**
     * Σ (a_k/|a| − b_k/|b|)², summed in column order for each pair. The differences of a group of pairs are first
     * written to a buffer (a loop the JIT vectorises, divisions included); the sums, which must stay sequential,
     * then run for the group's pairs side by side.
     */
    static void squaredDistances(PairFeatures pairs, double[] out) {
        double[][] squares = new double[GROUP][pairs.dim()];
        for (int start = 0; start < pairs.size(); start += GROUP) {
            squaredDistances(pairs, start, Math.min(pairs.size(), start + GROUP), squares, out);
        }
    }

    /**
     * {@link #squaredDistances(PairFeatures, double[])} for pairs {@code start..end−1}, at most {@link #GROUP}, with
     * {@code squares} ({@link #GROUP} × dim) as the buffer.
     */
    private static void squaredDistances(PairFeatures pairs, int start, int end, double[][] squares, double[] out) {
        float[] rows = pairs.rows();
        int dim = pairs.dim();
        double[] norms = pairs.norms();
        for (int p = start; p < end; p++) {
            squaredDifferences(rows, pairs.leftRow()[p], pairs.rightRow()[p], dim, norms, squares[p - start]);
        }
        if (end - start == GROUP) {
            double[] s0 = squares[0];
            double[] s1 = squares[1];
            double[] s2 = squares[2];
            double[] s3 = squares[3];
            double sum0 = 0;
            double sum1 = 0;
            double sum2 = 0;
            double sum3 = 0;
            for (int k = 0; k < dim; k++) {
                sum0 += s0[k];
                sum1 += s1[k];
                sum2 += s2[k];
                sum3 += s3[k];
            }
            out[start] = sum0;
            out[start + 1] = sum1;
            out[start + 2] = sum2;
            out[start + 3] = sum3;
            return;
        }
        for (int p = start; p < end; p++) {
            double[] square = squares[p - start];
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                sum += square[k];
            }
            out[p] = sum;
        }
    }

    private static void squaredDifferences(float[] rows, int left, int right, int dim, double[] norms, double[] out) {
        int a = left * dim;
        int b = right * dim;
        double na = norms[left];
        double nb = norms[right];
        for (int k = 0; k < dim; k++) {
            double diff = rows[a + k] / na - rows[b + k] / nb;
            out[k] = diff * diff;
        }
    }
}
