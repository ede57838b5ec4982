package dev.hypersphere.train.contrastive;

/**
 * A contrastive batch: two independently augmented views of the same N images, each N×C×H×W floats already
 * normalised, in fresh arrays (row i of {@code first} and row i of {@code second} are a positive pair).
 *
 * @param labels the images' class labels (not used for training; kept for diagnostics)
 */
public record TwoViews(float[] first, float[] second, int[] labels, int channels, int height, int width) {

    public TwoViews {
        long expected = (long) labels.length * channels * height * width;
        if (first.length != expected || second.length != expected) {
            throw new IllegalArgumentException("two views of " + labels.length + " images of " + channels + "×" + height
                    + "×" + width + " need " + expected + " values each, got " + first.length + " and " + second.length);
        }
    }

    public int size() {
        return labels.length;
    }
}
