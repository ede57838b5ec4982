package dev.hypersphere.eval.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SphereFace's {@code test/code/evaluation.m}: on each of the 10 folds, the mean of the training folds' features
 * (left and right together) is subtracted from every feature, features are L2-normalised and compared by cosine;
 * the threshold is the mean of <em>all</em> thresholds in {@code (-10000:10000)/10000} that maximise the training
 * accuracy, where a same pair counts as correct when {@code score > threshold} and a different pair when
 * {@code score < threshold} (both strict). Features are the raw network outputs; with flip test the original and
 * flipped features are concatenated ({@link FlipMode#CONCAT}).
 */
public final class SphereFaceProtocol implements VerificationProtocol, ScoredProtocol {

    /** {@code thrNum} of getThreshold: thresholds are i / 10000 for i in −10000..10000. */
    public static final int THRESHOLD_STEPS = 10000;

    @Override
    public String name() {
        return "sphereface";
    }

    @Override
    public FlipMode publishedFlipMode() {
        return FlipMode.CONCAT;
    }

    @Override
    public ProtocolResult evaluate(PairFeatures pairs) {
        return onRows(pairs.rows(), pairs.dim(), pairs.leftRow(), pairs.rightRow(), pairs.same(), pairs.fold());
    }

    @Override
    public ProtocolResult evaluate(PairScores scores) {
        PairFeatures pairs = scores.pairs();
        return onRows(pairs.rows(), pairs.dim(), pairs.leftRow(), pairs.rightRow(), scores.dots(), scores.foldFeatureSums(),
                pairs.same(), pairs.fold());
    }

    @Override
    public boolean usesFoldFeatureSums() {
        return true;
    }

    /** The protocol on raw features given per pair: {@code left} and {@code right} are row-major n×dim. */
    public static ProtocolResult onFeatures(float[] left, float[] right, int dim, boolean[] same, int[] fold) {
        int n = same.length;
        if (left.length != (long) n * dim || right.length != (long) n * dim) {
            throw new IllegalArgumentException("left and right must hold " + n + " rows of " + dim + " values");
        }
        float[] rows = new float[2 * n * dim];
        System.arraycopy(left, 0, rows, 0, n * dim);
        System.arraycopy(right, 0, rows, n * dim, n * dim);
        int[] leftRow = new int[n];
        int[] rightRow = new int[n];
        for (int p = 0; p < n; p++) {
            leftRow[p] = p;
            rightRow[p] = n + p;
        }
        return onRows(rows, dim, leftRow, rightRow, same, fold);
    }

    /**
     * The protocol on raw feature rows and pair indices. The training mean μ is the mean over the training pairs of
     * their left and right features (a row used twice counts twice, as in evaluation.m). The centred cosine is
     * computed from dot products, cos(a − μ, b − μ) = (a·b − a·μ − b·μ + μ·μ) / √((a·a − 2a·μ + μ·μ)(b·b − 2b·μ + μ·μ)),
     * so the rows are read once for all folds ({@link RowDots}) instead of three times per fold.
     */
    public static ProtocolResult onRows(float[] rows, int dim, int[] leftRow, int[] rightRow, boolean[] same, int[] fold) {
        double[] ab = new double[same.length];
        for (int p = 0; p < ab.length; p++) {
            ab[p] = Dot.of(rows, leftRow[p] * dim, rows, rightRow[p] * dim, dim);
        }
        return onRows(rows, dim, leftRow, rightRow, ab, null, same, fold);
    }

    /**
     * {@link #onRows(float[], int, int[], int[], boolean[], int[])} given each pair's {@code ab = Dot.of(left, right)}
     * and, unless null, each fold's feature sum as {@link PairScores#addPairFeatures} takes it.
     */
    private static ProtocolResult onRows(float[] rows, int dim, int[] leftRow, int[] rightRow, double[] ab, double[][] sums,
                                         boolean[] same, int[] fold) {
        int n = same.length;
        int folds = Folds.count(fold);
        double[] accuracy = new double[folds];
        double[] threshold = new double[folds];
        int rowCount = rows.length / dim;
        boolean[] used = new boolean[rowCount];
        for (int p = 0; p < n; p++) {
            used[leftRow[p]] = true;
            used[rightRow[p]] = true;
        }
        int[] perFold = new int[folds];
        for (int p = 0; p < n; p++) {
            perFold[fold[p]]++;
        }
        double[][] foldSum = sums;
        if (foldSum == null) {
            foldSum = new double[folds][dim];
            for (int p = 0; p < n; p++) {
                PairScores.addPairFeatures(rows, dim, leftRow[p], rightRow[p], foldSum[fold[p]]);
            }
        }
        double[] total = new double[dim];
        for (double[] sum : foldSum) {
            for (int k = 0; k < dim; k++) {
                total[k] += sum[k];
            }
        }
        double[][] mu = new double[folds][dim];
        double[] muMu = new double[folds];
        for (int f = 0; f < folds; f++) {
            int trainPairs = n - perFold[f];
            double squared = 0;
            for (int k = 0; k < dim; k++) {
                mu[f][k] = (total[k] - foldSum[f][k]) / (2.0 * trainPairs);
                squared += mu[f][k] * mu[f][k];
            }
            muMu[f] = squared;
        }
        double[][] rowMu = new double[folds][rowCount];
        double[] squares = new double[rowCount];
        RowDots.compute(rows, dim, usedRows(used), mu, rowMu, squares);
        double[] grid = new double[2 * THRESHOLD_STEPS + 1];
        for (int i = -THRESHOLD_STEPS; i <= THRESHOLD_STEPS; i++) {
            grid[i + THRESHOLD_STEPS] = (double) i / THRESHOLD_STEPS;
        }
        double[] scores = new double[n];
        for (int f = 0; f < folds; f++) {
            double[] dotMu = rowMu[f];
            for (int p = 0; p < n; p++) {
                int a = leftRow[p];
                int b = rightRow[p];
                double num = ab[p] - dotMu[a] - dotMu[b] + muMu[f];
                double aa = squares[a] - 2 * dotMu[a] + muMu[f];
                double bb = squares[b] - 2 * dotMu[b] + muMu[f];
                scores[p] = num / Math.sqrt(aa * bb);
            }
            FoldSplit split = FoldSplit.of(fold, f);
            threshold[f] = meanOfMaximisingThresholds(FoldSplit.pick(scores, split.train()), FoldSplit.pick(same, split.train()), grid);
            long correct = 0;
            for (int p : split.test()) {   // "not at most" for same pairs, as counted on sorted scores (a NaN counts)
                correct += same[p] ? (!(scores[p] <= threshold[f]) ? 1 : 0) : (scores[p] < threshold[f] ? 1 : 0);
            }
            accuracy[f] = (double) correct / split.test().length;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("reference", "SphereFace test/code/evaluation.m");
        parameters.put("score", "cosine after subtracting the training folds' mean feature");
        parameters.put("decision", "same correct if score > threshold, different correct if score < threshold");
        parameters.put("thresholds", "(-10000:10000)/10000");
        parameters.put("threshold_choice", "mean of all maximisers of training-fold accuracy");
        parameters.put("folds", folds);
        parameters.put("fold_rule", "contiguous (ceil(i / 600) for LFW's 6,000 pairs)");
        parameters.put("std", "population (np.std); evaluation.m prints the mean only");
        return ProtocolResult.crossValidated("sphereface", "cosine of mean-centred features", accuracy, threshold, parameters);
    }

    /**
     * getThreshold(scores, flags, 10000): the mean of every grid threshold at which the accuracy is maximal; the
     * accuracy at each threshold counts same pairs strictly above and different pairs strictly below it.
     */
    static double meanOfMaximisingThresholds(double[] scores, boolean[] same, double[] grid) {
        double[][] sides = FoldSplit.sortedBySide(scores, same);
        int[] sameAtMost = ThresholdCounts.atMost(sides[0], grid);
        int[] differentBelow = ThresholdCounts.below(sides[1], grid);
        long best = -1;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < grid.length; i++) {
            double t = grid[i];
            long correct = (sides[0].length - sameAtMost[i]) + differentBelow[i];
            if (correct > best) {
                best = correct;
                sum = t;
                count = 1;
            } else if (correct == best) {
                sum += t;
                count++;
            }
        }
        return sum / count;
    }

    private static int[] usedRows(boolean[] used) {
        int count = 0;
        for (boolean u : used) {
            count += u ? 1 : 0;
        }
        int[] list = new int[count];
        int at = 0;
        for (int r = 0; r < used.length; r++) {
            if (used[r]) {
                list[at++] = r;
            }
        }
        return list;
    }
}
