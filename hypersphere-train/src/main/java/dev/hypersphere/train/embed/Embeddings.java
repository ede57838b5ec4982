package dev.hypersphere.train.embed;

/**
 * Embeddings of a whole data set: N rows of d values, L2-normalised, row-major; the norms the rows had before
 * normalisation (which carry quality information); and each row's label and source name.
 */
public record Embeddings(float[] vectors, int dim, float[] norms, int[] labels, String[] sources) {

    public int size() {
        return labels.length;
    }

    /** Cosine of rows i and j (both unit length). */
    public double cosine(int i, int j) {
        double dot = 0;
        for (int k = 0; k < dim; k++) {
            dot += (double) vectors[i * dim + k] * vectors[j * dim + k];
        }
        return dot;
    }
}
