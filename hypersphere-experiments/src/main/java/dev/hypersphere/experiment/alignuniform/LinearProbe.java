package dev.hypersphere.experiment.alignuniform;

import dev.hypersphere.data.Seeds;
import java.util.SplittableRandom;

/**
 * The linear evaluation protocol: a multinomial logistic regression (softmax over {@code W·x + b}) trained on frozen
 * features, then scored on held-out features. Plain Java, float64: features are standardised with the training
 * set's per-dimension mean and std (which changes nothing a linear model can express, only the conditioning), then
 * mini-batch SGD with momentum 0.9, cosine-decayed learning rate and a little L2 on W. Deterministic from the seed.
 */
final class LinearProbe {

    /** How the classifier is trained. */
    record Settings(int epochs, int batchSize, double learningRate, double weightDecay) {
        static Settings standard() {
            return new Settings(40, 256, 0.1, 1e-4);
        }
    }

    /** Accuracies of the trained classifier. */
    record Result(double trainAccuracy, double testAccuracy) {}

    private final int dim;
    private final int classes;
    private final double[] weights;   // classes × dim
    private final double[] bias;
    private final double[] mean;
    private final double[] scale;

    private LinearProbe(int dim, int classes, double[] mean, double[] scale) {
        this.dim = dim;
        this.classes = classes;
        this.weights = new double[classes * dim];
        this.bias = new double[classes];
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Trains on {@code trainFeatures} (n × dim, row-major) with labels in [0, classes) and reports the accuracy on
     * both sets.
     */
    static Result evaluate(float[] trainFeatures, int[] trainLabels, float[] testFeatures, int[] testLabels, int dim,
                           int classes, Settings settings, long seed) {
        LinearProbe probe = fit(trainFeatures, trainLabels, dim, classes, settings, seed);
        return new Result(probe.accuracy(trainFeatures, trainLabels), probe.accuracy(testFeatures, testLabels));
    }

    static LinearProbe fit(float[] features, int[] labels, int dim, int classes, Settings settings, long seed) {
        int n = labels.length;
        if (features.length != (long) n * dim) {
            throw new IllegalArgumentException(features.length + " feature values are not " + n + " rows of " + dim);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside [0, " + classes + ")");
            }
        }
        double[] mean = new double[dim];
        double[] scale = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                mean[k] += features[i * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                double d = features[i * dim + k] - mean[k];
                scale[k] += d * d;
            }
        }
        for (int k = 0; k < dim; k++) {
            double std = Math.sqrt(scale[k] / n);
            scale[k] = std > 1e-12 ? 1 / std : 0;   // a constant dimension carries nothing
        }
        LinearProbe probe = new LinearProbe(dim, classes, mean, scale);
        probe.train(features, labels, settings, seed);
        return probe;
    }

    private void train(float[] features, int[] labels, Settings s, long seed) {
        int n = labels.length;
        double[] vw = new double[weights.length];
        double[] vb = new double[classes];
        double[] gw = new double[weights.length];
        double[] gb = new double[classes];
        double[] x = new double[dim];
        double[] p = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int batchesPerEpoch = (n + s.batchSize() - 1) / s.batchSize();
        long totalSteps = (long) s.epochs() * batchesPerEpoch;
        long step = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(seed, epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += s.batchSize(), step++) {
                int end = Math.min(n, start + s.batchSize());
                java.util.Arrays.fill(gw, 0);
                java.util.Arrays.fill(gb, 0);
                for (int b = start; b < end; b++) {
                    int row = order[b];
                    standardise(features, row, x);
                    probabilities(x, p);
                    p[labels[row]] -= 1;   // ∂(cross-entropy)/∂logits = softmax − one-hot
                    for (int c = 0; c < classes; c++) {
                        double g = p[c];
                        gb[c] += g;
                        int base = c * dim;
                        for (int k = 0; k < dim; k++) {
                            gw[base + k] += g * x[k];
                        }
                    }
                }
                double count = end - start;
                double lr = s.learningRate() * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
                for (int k = 0; k < weights.length; k++) {
                    double g = gw[k] / count + s.weightDecay() * weights[k];
                    vw[k] = 0.9 * vw[k] + g;
                    weights[k] -= lr * vw[k];
                }
                for (int c = 0; c < classes; c++) {
                    vb[c] = 0.9 * vb[c] + gb[c] / count;
                    bias[c] -= lr * vb[c];
                }
            }
        }
    }

    /** The share of rows whose highest-scoring class is their label. */
    double accuracy(float[] features, int[] labels) {
        double[] x = new double[dim];
        double[] p = new double[classes];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            standardise(features, i, x);
            logits(x, p);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return correct / (double) labels.length;
    }

    private void standardise(float[] features, int row, double[] x) {
        for (int k = 0; k < dim; k++) {
            x[k] = (features[row * dim + k] - mean[k]) * scale[k];
        }
    }

    private void logits(double[] x, double[] out) {
        for (int c = 0; c < classes; c++) {
            double z = bias[c];
            int base = c * dim;
            for (int k = 0; k < dim; k++) {
                z += weights[base + k] * x[k];
            }
            out[c] = z;
        }
    }

    private void probabilities(double[] x, double[] out) {
        logits(x, out);
        double max = Double.NEGATIVE_INFINITY;
        for (double z : out) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }
}
