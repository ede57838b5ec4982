package dev.hypersphere.data;

/**
 * A batch ready for the engine: {@code data} is N×C×H×W floats, already augmented and normalised, in a fresh
 * array that nobody else writes to (tensors may alias it safely); {@code indices} are the samples' positions in
 * their source.
 */
public record Batch(float[] data, long[] labels, int[] indices, int channels, int height, int width) {

    public int size() {
        return labels.length;
    }
}
