package dev.hypersphere.eval.verify;

import java.util.Locale;

/**
 * How the embedding of an image and of its horizontally flipped copy are combined ("flip test").
 * <ul>
 *   <li>{@code none}: the original image's embedding only;</li>
 *   <li>{@code sum}: raw embeddings added, then used as one (insightface: {@code embeddings_list[0] +
 *       embeddings_list[1]}, then L2-normalised);</li>
 *   <li>{@code concat}: raw embeddings concatenated into a 2d-dimensional feature (SphereFace's
 *       {@code [res; res_]});</li>
 *   <li>{@code mean}: the mean of the two L2-normalised embeddings, so that each view weighs the same whatever
 *       its norm.</li>
 * </ul>
 */
public enum FlipMode {
    NONE, SUM, CONCAT, MEAN;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlipMode parse(String text) {
        for (FlipMode mode : values()) {
            if (mode.cliName().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown flip mode '" + text + "'; valid: none, sum, concat, mean");
    }

    /** Dimension of a combined feature when each view has {@code dim}. */
    public int combinedDim(int dim) {
        return this == CONCAT ? 2 * dim : dim;
    }

    /** Writes the combined feature of {@code original} and {@code flipped} (each {@code dim} long) into {@code out}. */
    public void combine(float[] original, int originalAt, float[] flipped, int flippedAt, int dim, float[] out, int outAt) {
        switch (this) {
            case NONE -> System.arraycopy(original, originalAt, out, outAt, dim);
            case SUM -> {
                for (int k = 0; k < dim; k++) {
                    out[outAt + k] = original[originalAt + k] + flipped[flippedAt + k];
                }
            }
            case CONCAT -> {
                System.arraycopy(original, originalAt, out, outAt, dim);
                System.arraycopy(flipped, flippedAt, out, outAt + dim, dim);
            }
            case MEAN -> {
                double a = norm(original, originalAt, dim);
                double b = norm(flipped, flippedAt, dim);
                for (int k = 0; k < dim; k++) {
                    out[outAt + k] = (float) ((original[originalAt + k] / a + flipped[flippedAt + k] / b) / 2);
                }
            }
        }
    }

    static double norm(float[] x, int at, int dim) {
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            sum += (double) x[at + k] * x[at + k];
        }
        return Math.sqrt(sum);
    }
}
