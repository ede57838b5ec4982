package dev.hypersphere.face.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Test accuracies of folds, possibly from several models: in k-way cross-training a model that never saw folds F is
 * scored on F only ({@link LfwVerification#foldAccuracy}), and the parts are joined into one figure over all folds,
 * the mean ± population std (np.std) of the fold accuracies, as the protocols report a single model's.
 *
 * @param folds fold (0-based) → test accuracy
 */
public record FoldAccuracies(SortedMap<Integer, Double> folds) {

    public FoldAccuracies {
        folds = Collections.unmodifiableSortedMap(new TreeMap<>(folds));
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no fold accuracies");
        }
    }

    /** Joins parts that share no fold; a fold given twice is an error naming it. */
    public static FoldAccuracies combine(List<? extends Map<Integer, Double>> parts) {
        SortedMap<Integer, Double> all = new TreeMap<>();
        for (Map<Integer, Double> part : parts) {
            for (Map.Entry<Integer, Double> e : part.entrySet()) {
                if (all.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("fold " + e.getKey() + " is scored by more than one part: each fold must "
                            + "come from the one model that did not train on it");
                }
            }
        }
        return new FoldAccuracies(all);
    }

    /** Mean over the folds. */
    public double mean() {
        double sum = 0;
        for (double a : folds.values()) {
            sum += a;
        }
        return sum / folds.size();
    }

    /** Population standard deviation over the folds (np.std, as insightface prints). */
    public double std() {
        double mean = mean();
        double sum = 0;
        for (double a : folds.values()) {
            sum += (a - mean) * (a - mean);
        }
        return Math.sqrt(sum / folds.size());
    }

    /** Whether the folds are exactly 0..count−1. */
    public boolean covers(int count) {
        return folds.size() == count && folds.firstKey() == 0 && folds.lastKey() == count - 1;
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", mean());
        json.put("accuracy_std", std());
        Map<String, Object> byFold = new LinkedHashMap<>();
        folds.forEach((f, a) -> byFold.put(Integer.toString(f), a));
        json.put("fold_accuracy", byFold);
        json.put("folds", new ArrayList<>(folds.keySet()));
        return json;
    }
}
