package dev.hypersphere.eval.identify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hypersphere.engine.HypersphereEngine;

/**
 * Exact all-pairs cosine similarity between two sets of rows, computed block by block as matrix products on the
 * engine, so that memory stays O(block²) whatever the sizes: an N×N score matrix is never held. Rows are
 * L2-normalised here (in float32, as the engine multiplies them).
 */
public final class BlockedScores {

    /** Rows per block: a 2048×2048 float block is 16 MB. */
    public static final int DEFAULT_BLOCK = 2048;

    /** Receives one block of scores: row-major {@code queryCount × referenceCount}. */
    @FunctionalInterface
    public interface BlockConsumer {
        void accept(int queryStart, int queryCount, int referenceStart, int referenceCount, float[] scores);
    }

    private BlockedScores() {}

    /** Unit-length copies of the rows of {@code data} ({@code dim} columns), normalised in float64. */
    public static float[] normalizedRows(float[] data, int dim) {
        float[] out = new float[data.length];
        for (int r = 0; r < data.length / dim; r++) {
            double sum = 0;
            for (int k = r * dim; k < (r + 1) * dim; k++) {
                sum += (double) data[k] * data[k];
            }
            double inverse = 1 / Math.max(Math.sqrt(sum), 1e-12);
            for (int k = r * dim; k < (r + 1) * dim; k++) {
                out[k] = (float) (data[k] * inverse);
            }
        }
        return out;
    }

    /**
     * Calls {@code consumer} with every block of {@code queries · referencesᵀ} (both already unit rows, row-major
     * with {@code dim} columns), query blocks in order, reference blocks in order within each.
     */
    public static void forEachBlock(float[] queries, float[] references, int dim, int block, BlockConsumer consumer) {
        int nq = queries.length / dim;
        int nr = references.length / dim;
        try (NDManager manager = HypersphereEngine.newManager()) {
            for (int q = 0; q < nq; q += block) {
                int qc = Math.min(block, nq - q);
                float[] qPart = java.util.Arrays.copyOfRange(queries, q * dim, (q + qc) * dim);
                try (NDManager outer = manager.newSubManager()) {
                    NDArray left = outer.create(qPart, new Shape(qc, dim));
                    for (int r = 0; r < nr; r += block) {
                        int rc = Math.min(block, nr - r);
                        float[] rPart = java.util.Arrays.copyOfRange(references, r * dim, (r + rc) * dim);
                        float[] scores;
                        try (NDManager scope = outer.newSubManager()) {
                            NDArray right = scope.create(rPart, new Shape(rc, dim)).transpose();
                            // The product joins the manager of its first operand (outer): close it here.
                            try (NDArray product = left.matMul(right)) {
                                scores = product.toFloatArray();
                            }
                        }
                        consumer.accept(q, qc, r, rc, scores);
                    }
                }
            }
        }
    }
}
