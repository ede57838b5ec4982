package dev.hypersphere.search.testing;

import java.util.Random;

/** Seeded random unit vectors for tests. */
public final class Vectors {

    private Vectors() {}

    public static float[] unit(Random random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            v[k] = (float) random.nextGaussian();
            norm += (double) v[k] * v[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < dim; k++) {
            v[k] = (float) (v[k] / norm);
        }
        return v;
    }

    /** {@code n} unit rows, row-major. */
    public static float[] unitRows(Random random, int n, int dim) {
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(unit(random, dim), 0, out, i * dim, dim);
        }
        return out;
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }
}
