package dev.hypersphere.eval.verify;

/**
 * The scores of every pair, computed once per verification run and shared by the protocol and the threshold-free
 * numbers: the dot product of the two features, their cosine similarity, insightface's squared distance, and the
 * ROC curve of the cosines. The arrays are shared, not copied: callers must not modify them.
 */
final class PairScores {

    /** Pairs whose squared distances are summed side by side, so that their sequential sums overlap in time. */
    private static final int GROUP = 4;

    private final PairFeatures pairs;
    private final double[] dots;
    private final double[] cosines;
    private final double[] squaredDistances;
    private Roc roc;

    PairScores(PairFeatures pairs) {
        this.pairs = pairs;
        int n = pairs.size();
        this.dots = new double[n];
        this.cosines = new double[n];
        this.squaredDistances = new double[n];
        for (int p = 0; p < n; p++) {
            int a = pairs.leftRow()[p];
            int b = pairs.rightRow()[p];
            dots[p] = Dot.of(pairs.rows(), a * pairs.dim(), pairs.rows(), b * pairs.dim(), pairs.dim());
            cosines[p] = cosine(dots[p], pairs.norms()[a], pairs.norms()[b]);
        }
        squaredDistances(pairs, squaredDistances);
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
        float[] rows = pairs.rows();
        int dim = pairs.dim();
        double[] norms = pairs.norms();
        int n = pairs.size();
        double[][] squares = new double[GROUP][dim];
        int p = 0;
        for (; p + GROUP <= n; p += GROUP) {
            for (int g = 0; g < GROUP; g++) {
                squaredDifferences(rows, pairs.leftRow()[p + g], pairs.rightRow()[p + g], dim, norms, squares[g]);
            }
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
            out[p] = sum0;
            out[p + 1] = sum1;
            out[p + 2] = sum2;
            out[p + 3] = sum3;
        }
        for (; p < n; p++) {
            squaredDifferences(rows, pairs.leftRow()[p], pairs.rightRow()[p], dim, norms, squares[0]);
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                sum += squares[0][k];
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
