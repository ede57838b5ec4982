package dev.hypersphere.eval.verify;

import java.util.Arrays;

/**
 * Dot products of many feature rows with a few double vectors (SphereFace's training means, one per fold) and with
 * themselves, each bit for bit what {@link Dot} gives. {@link Dot} keeps four partial sums, lane {@code k mod 4}
 * (the tail past the last multiple of four in lane 0), added as {@code (s0 + s1) + (s2 + s3)}. Here a block of
 * rows is transposed so that the same sums, in the same order, run across rows: a plain element-wise loop that
 * the JIT vectorises, and each row is read from memory once for all vectors instead of once per vector.
 */
final class RowDots {

    /** Rows per block: their transposed copy (block × dim floats, 512 KiB at 512-d) stays in the L2 cache. */
    private static final int BLOCK = 256;
    /** Columns per transposition tile: 16 floats are one 64-byte cache line of a row. */
    private static final int TILE = 16;

    private RowDots() {}

    /**
     * For each row index in {@code rowList}: {@code dots[v][row] = Dot.of(rows, row·dim, vectors[v], dim)} and
     * {@code squares[row] = Dot.of(rows, row·dim, rows, row·dim, dim)}; other entries are left as they are.
     */
    static void compute(float[] rows, int dim, int[] rowList, double[][] vectors, double[][] dots, double[] squares) {
        int[] lane = lanes(dim);
        int blocks = (rowList.length + BLOCK - 1) / BLOCK;
        // Blocks write disjoint rows, so they run on all cores with results identical to a sequential pass.
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> {
            Scratch scratch = SCRATCH.get().fit(dim);
            computeBlock(rows, dim, rowList, b * BLOCK, Math.min(BLOCK, rowList.length - b * BLOCK), lane, vectors, dots,
                    squares, scratch);
        });
    }

    /** Per-thread buffers: a transposed block and two sets of partial sums. */
    private static final class Scratch {
        float[] block = new float[0];
        final double[][] sums = new double[4][BLOCK];
        final double[][] otherSums = new double[4][BLOCK];

        Scratch fit(int dim) {
            if (block.length < dim * BLOCK) {
                block = new float[dim * BLOCK];
            }
            return this;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static void computeBlock(float[] rows, int dim, int[] rowList, int start, int size, int[] lane,
                                     double[][] vectors, double[][] dots, double[] squares, Scratch scratch) {
        float[] block = scratch.block;
        double[][] sums = scratch.sums;
        double[][] otherSums = scratch.otherSums;
        transpose(rows, dim, rowList, start, size, block);
        clear(sums);
        for (int k = 0; k < dim; k++) {
            square(block, k * BLOCK, sums[lane[k]], size);
        }
        collect(sums, size, rowList, start, squares);
        int v = 0;
        for (; v + 1 < vectors.length; v += 2) {   // two vectors per pass: each block value is loaded once for both
            double[] first = vectors[v];
            double[] second = vectors[v + 1];
            clear(sums);
            clear(otherSums);
            for (int k = 0; k < dim; k++) {
                multiplyAdd(block, k * BLOCK, first[k], sums[lane[k]], second[k], otherSums[lane[k]], size);
            }
            collect(sums, size, rowList, start, dots[v]);
            collect(otherSums, size, rowList, start, dots[v + 1]);
        }
        if (v < vectors.length) {
            double[] last = vectors[v];
            clear(sums);
            for (int k = 0; k < dim; k++) {
                multiplyAdd(block, k * BLOCK, last[k], sums[lane[k]], size);
            }
            collect(sums, size, rowList, start, dots[v]);
        }
    }

    /**
     * Copies rows {@code rowList[start..start+size)} into {@code block} column by column ({@code block[k·BLOCK + i]}).
     * Tiles of 16 columns: each row's tile is one cache line read, and the 16 columns written stay in L1.
     */
    private static void transpose(float[] rows, int dim, int[] rowList, int start, int size, float[] block) {
        for (int k0 = 0; k0 < dim; k0 += TILE) {
            int k1 = Math.min(dim, k0 + TILE);
            for (int i = 0; i < size; i++) {
                int at = rowList[start + i] * dim;
                for (int k = k0; k < k1; k++) {
                    block[k * BLOCK + i] = rows[at + k];
                }
            }
        }
    }

    /** The partial sum that column k goes to in {@link Dot}: k mod 4, except the tail, which goes to the first. */
    private static int[] lanes(int dim) {
        int[] lane = new int[dim];
        int main = dim - dim % 4;
        for (int k = 0; k < main; k++) {
            lane[k] = k & 3;
        }
        return lane;
    }

    private static void multiplyAdd(float[] block, int at, double factor, double[] sum, int size) {
        for (int i = 0; i < size; i++) {
            sum[i] += block[at + i] * factor;
        }
    }

    private static void multiplyAdd(float[] block, int at, double factor, double[] sum, double otherFactor, double[] otherSum,
                                    int size) {
        for (int i = 0; i < size; i++) {
            double x = block[at + i];
            sum[i] += x * factor;
            otherSum[i] += x * otherFactor;
        }
    }

    private static void square(float[] block, int at, double[] sum, int size) {
        for (int i = 0; i < size; i++) {
            double x = block[at + i];
            sum[i] += x * x;
        }
    }

    private static void collect(double[][] sums, int size, int[] rowList, int start, double[] out) {
        for (int i = 0; i < size; i++) {
            out[rowList[start + i]] = (sums[0][i] + sums[1][i]) + (sums[2][i] + sums[3][i]);
        }
    }

    private static void clear(double[][] sums) {
        for (double[] sum : sums) {
            Arrays.fill(sum, 0.0);
        }
    }
}
