package dev.hypersphere.eval.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a verification protocol reports: the test accuracy of each fold with the threshold chosen on the other
 * folds, the accuracy (the mean over folds for the cross-validated protocols), the population standard deviation
 * of the fold accuracies (numpy's {@code np.std}, as insightface prints), the threshold to quote (mean over folds),
 * and the protocol's parameters so that a report says exactly what was run.
 *
 * @param protocol the protocol's name ({@code insightface}, {@code sphereface}, {@code facexzoo}, {@code best-threshold})
 * @param score what the threshold is applied to, e.g. "squared L2 distance"
 * @param accuracy the protocol's accuracy
 * @param accuracyStd population standard deviation of {@code foldAccuracy}
 * @param foldAccuracy test accuracy of each fold
 * @param foldThreshold the threshold used on each fold
 * @param threshold the threshold to quote: the mean of the fold thresholds
 * @param parameters the protocol's fixed settings (threshold grid, fold rule, tie rule...)
 */
public record ProtocolResult(String protocol, String score, double accuracy, double accuracyStd, double[] foldAccuracy,
                             double[] foldThreshold, double threshold, Map<String, Object> parameters) {

    public ProtocolResult {
        parameters = new LinkedHashMap<>(parameters);
    }

    /** A cross-validated result: accuracy = mean of the folds, threshold = mean of the fold thresholds. */
    public static ProtocolResult crossValidated(String protocol, String score, double[] foldAccuracy, double[] foldThreshold,
                                                Map<String, Object> parameters) {
        return new ProtocolResult(protocol, score, mean(foldAccuracy), populationStd(foldAccuracy), foldAccuracy,
                foldThreshold, mean(foldThreshold), parameters);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double populationStd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
