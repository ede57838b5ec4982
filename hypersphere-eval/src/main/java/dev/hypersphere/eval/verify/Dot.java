package dev.hypersphere.eval.verify;

/** Dot products in float64 with four partial sums (about four times faster than one, same accuracy class). */
final class Dot {

    private Dot() {}

    static double of(float[] x, int xAt, float[] y, int yAt, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += (double) x[xAt + k] * y[yAt + k];
            s1 += (double) x[xAt + k + 1] * y[yAt + k + 1];
            s2 += (double) x[xAt + k + 2] * y[yAt + k + 2];
            s3 += (double) x[xAt + k + 3] * y[yAt + k + 3];
        }
        for (; k < n; k++) {
            s0 += (double) x[xAt + k] * y[yAt + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double of(float[] x, int xAt, double[] y, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += x[xAt + k] * y[k];
            s1 += x[xAt + k + 1] * y[k + 1];
            s2 += x[xAt + k + 2] * y[k + 2];
            s3 += x[xAt + k + 3] * y[k + 3];
        }
        for (; k < n; k++) {
            s0 += x[xAt + k] * y[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
