package dev.hypersphere.metric;

/**
 * A read-only N×d set of embeddings that metrics stream through in blocks of rows, so that the whole set never
 * has to be one tensor (1M × 512 floats is 2 GB). Implementations may hold the rows in memory, map a file, or
 * generate them.
 */
public interface EmbeddingRows {

    /** Number of rows N. */
    long rows();

    /** Dimension d of each row. */
    int dim();

    /** Copies rows {@code [first, first + count)} into {@code into}, row-major ({@code count × dim} floats). */
    void read(long first, int count, float[] into);

    /** Rows held in a row-major array of {@code data.length / dim} rows. */
    static EmbeddingRows of(float[] data, int dim) {
        if (dim < 1 || data.length % dim != 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a multiple of dim " + dim);
        }
        return new EmbeddingRows() {
            @Override
            public long rows() {
                return data.length / dim;
            }

            @Override
            public int dim() {
                return dim;
            }

            @Override
            public void read(long first, int count, float[] into) {
                System.arraycopy(data, Math.toIntExact(first * dim), into, 0, count * dim);
            }
        };
    }

    /** Rows given as a Java matrix (copied). */
    static EmbeddingRows of(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        int dim = rows[0].length;
        float[] data = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + dim);
            }
            System.arraycopy(rows[i], 0, data, i * dim, dim);
        }
        return of(data, dim);
    }
}
