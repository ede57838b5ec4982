package dev.hypersphere.eval.io;

import dev.hypersphere.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of embeddings as evaluation reads it: N×d float32 values (row-major), the rows' labels and image paths
 * when a {@link RowsFile} names them, and where they came from (file and SHA-256) for the report.
 *
 * @param name how messages name the set (usually the file)
 * @param values row-major N×d values, as stored (not normalised: the norm is information)
 * @param rows file (or null when the set has no rows file)
 * @param checksums SHA-256 of each input file, keyed by path
 */
public record EmbeddingSet(String name, float[] values, int count, int dim, RowsFile rows, Map<String, String> checksums) {

    public EmbeddingSet {
        if ((long) count * dim != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values do not fill " + count + "×" + dim);
        }
        if (rows != null && rows.size() != count) {
            throw new IllegalArgumentException(name + " has " + count + " rows but its rows file names " + rows.size());
        }
        checksums = Map.copyOf(checksums);
    }

    /** Embeddings in memory (for tests and programs), without rows file or checksum. */
    public static EmbeddingSet of(String name, float[] values, int dim, List<String> labels) {
        RowsFile rows = labels == null ? null : new RowsFile(labels, labels.stream().map(l -> "-").toList());
        return new EmbeddingSet(name, values, values.length / dim, dim, rows, Map.of());
    }

    /**
     * Reads {@code npy} (float32 or float64, N×d) and its rows file: {@code rowsFile} if given, else
     * {@code NAME.tsv} beside it when that exists, else none.
     */
    public static EmbeddingSet read(Path npy, Path rowsFile) throws IOException {
        Npy.FloatMatrix matrix = Npy.readFloatMatrix(npy);
        Map<String, String> checksums = new LinkedHashMap<>();
        checksums.put(npy.toString(), Checksums.sha256(npy));
        Path rowsPath = rowsFile != null ? rowsFile : RowsFile.besides(npy);
        RowsFile rows = null;
        if (rowsFile != null || Files.exists(rowsPath)) {
            rows = RowsFile.read(rowsPath);
            checksums.put(rowsPath.toString(), Checksums.sha256(rowsPath));
            if (rows.size() != matrix.rows()) {
                throw new IllegalArgumentException(rowsPath + " names " + rows.size() + " rows but " + npy + " holds "
                        + matrix.rows() + " (one 'label<TAB>path' line per row expected)");
            }
        }
        return new EmbeddingSet(npy.toString(), matrix.values(), matrix.rows(), matrix.cols(), rows, checksums);
    }

    /** The labels, or an error naming what is missing. */
    public List<String> requireLabels() {
        if (rows == null) {
            throw new IllegalArgumentException(name + " has no labels: give its rows file ('label<TAB>path' per row)");
        }
        return rows.labels();
    }

    /** Row {@code i} must be finite and non-zero; the error names the file and the row. */
    public void requireUsableRow(int i) {
        requireUsable(name, values, i, dim);
    }

    /** Row {@code row} of {@code data} ({@code dim} columns) must be finite and of non-zero norm, or no angle is defined. */
    public static void requireUsable(String source, float[] data, int row, int dim) {
        double sum = 0;
        for (int k = row * dim; k < (row + 1) * dim; k++) {
            float v = data[k];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(source + ": row " + row + " is not finite (holds " + v + " at column "
                        + (k - row * dim) + ")");
            }
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException(source + ": row " + row + " has zero norm (no direction on the sphere)");
        }
    }

    public void requireUsableRows() {
        for (int i = 0; i < count; i++) {
            requireUsableRow(i);
        }
    }

    /** Another set must have the same dimension (e.g. gallery and probes, embeddings and flipped embeddings). */
    public void requireSameDim(EmbeddingSet other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("dimension mismatch: " + name + " has d = " + dim + ", " + other.name
                    + " has d = " + other.dim);
        }
    }
}
