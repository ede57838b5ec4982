package dev.hypersphere.face.verify;

import dev.hypersphere.eval.verify.ProtocolResult;
import dev.hypersphere.eval.verify.Verification;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@link LfwEvaluation#verify}: the report ({@link #json()}), the chosen protocol's full outcome (ROC,
 * scores, for plots), each reported protocol's fold results, the folds scored (0-based, as the pairs file numbers
 * them), the photos' embeddings with their counts, and the people-disjointness check of the pairs file.
 *
 * @param protocols  protocol name → its result on the scored folds (fold i of the result is {@code folds.get(i)})
 * @param warnings   what does not stop the evaluation (pairs file counts, folds sharing people)
 */
public record LfwVerification(Map<String, Object> json, String protocol, Verification.Outcome outcome,
                              Map<String, ProtocolResult> protocols, List<Integer> folds, PhotoEmbeddings embeddings,
                              FoldDisjointness disjointness, List<String> warnings) {

    public LfwVerification {
        folds = List.copyOf(folds);
        warnings = List.copyOf(warnings);
    }

    /** The protocol's accuracy: the mean over the scored folds. */
    public double accuracy(String name) {
        return result(name).accuracy();
    }

    /** The protocol's test accuracy of each scored fold, under the fold's own number: what cross-training combines. */
    public FoldAccuracies foldAccuracy(String name) {
        double[] accuracy = result(name).foldAccuracy();
        Map<Integer, Double> byFold = new TreeMap<>();
        for (int i = 0; i < folds.size(); i++) {
            byFold.put(folds.get(i), accuracy[i]);
        }
        return new FoldAccuracies(new TreeMap<>(byFold));
    }

    private ProtocolResult result(String name) {
        ProtocolResult result = protocols.get(name);
        if (result == null) {
            throw new IllegalArgumentException("no result for protocol '" + name + "'; reported: " + String.join(", ", protocols.keySet()));
        }
        return result;
    }
}
