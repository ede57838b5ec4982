package dev.hypersphere.metric;

import java.util.Arrays;

/**
 * Verification accuracy of pair scores (higher score = more likely the same identity) under k-fold
 * cross-validation, the way face-verification benchmarks report it: the pairs are cut into k contiguous folds;
 * for each fold the threshold that maximises accuracy on the other k − 1 folds is applied to it, and the k
 * accuracies are averaged. Thresholds are searched exactly over the midpoints between sorted training scores
 * (not a grid), so the result does not depend on a step size.
 *
 * <p>This is the trainer's quick validation metric; the named published protocols (insightface, SphereFace,
 * FaceX-Zoo, OpenSphere) live in the evaluation module.
 */
public final class VerificationAccuracy {

    /** Mean and standard deviation (population, as numpy's default) of the fold accuracies. */
    public record Result(double mean, double std, double[] foldAccuracies, double[] thresholds) {}

    private VerificationAccuracy() {}

    public static Result kFold(double[] scores, boolean[] same, int folds) {
        if (scores.length != same.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs " + same.length);
        }
        if (folds < 2 || scores.length < folds) {
            throw new IllegalArgumentException("need 2 <= folds <= pairs, got " + folds + " folds for " + scores.length + " pairs");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score of pair " + i + " is not finite: " + scores[i]);
            }
        }
        double[] accuracies = new double[folds];
        double[] thresholds = new double[folds];
        int n = scores.length;
        for (int f = 0; f < folds; f++) {
            int from = (int) ((long) n * f / folds);
            int to = (int) ((long) n * (f + 1) / folds);
            double[] trainScores = new double[n - (to - from)];
            boolean[] trainSame = new boolean[trainScores.length];
            for (int i = 0, j = 0; i < n; i++) {
                if (i < from || i >= to) {
                    trainScores[j] = scores[i];
                    trainSame[j++] = same[i];
                }
            }
            thresholds[f] = bestThreshold(trainScores, trainSame);
            accuracies[f] = accuracy(scores, same, from, to, thresholds[f]);
        }
        double mean = Arrays.stream(accuracies).average().orElseThrow();
        double variance = Arrays.stream(accuracies).map(a -> (a - mean) * (a - mean)).average().orElseThrow();
        return new Result(mean, Math.sqrt(variance), accuracies, thresholds);
    }

    /** The threshold t maximising the accuracy of "same iff score > t" (the lowest such midpoint on ties). */
    public static double bestThreshold(double[] scores, boolean[] same) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Start with t below every score: all pairs called "same".
        int correct = 0;
        for (boolean s : same) {
            correct += s ? 1 : 0;
        }
        int best = correct;
        double bestThreshold = scores[order[0]] - 1;
        for (int k = 0; k < n; k++) {
            // Move pair order[k] to the "different" side.
            correct += same[order[k]] ? -1 : 1;
            boolean tieWithNext = k + 1 < n && scores[order[k + 1]] == scores[order[k]];
            if (!tieWithNext && correct > best) {
                best = correct;
                bestThreshold = k + 1 < n ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]] + 1;
            }
        }
        return bestThreshold;
    }

    private static double accuracy(double[] scores, boolean[] same, int from, int to, double threshold) {
        int correct = 0;
        for (int i = from; i < to; i++) {
            correct += (scores[i] > threshold) == same[i] ? 1 : 0;
        }
        return correct / (double) (to - from);
    }
}
