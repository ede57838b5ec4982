package dev.hypersphere.face.align;

/**
 * Resamples a planar image through a 2×3 affine map by inverse mapping: each output pixel (u, v) reads the source
 * at M⁻¹(u, v) bilinearly (as OpenCV's {@code warpAffine} with {@code INTER_LINEAR}). Border: constant 0 — a
 * neighbour outside the source adds nothing, so pixels mapped from outside the image are black, as with
 * insightface's {@code cv2.warpAffine(..., borderValue=0.0)}.
 */
public final class AffineWarp {

    private AffineWarp() {}

    /**
     * @param forward row-major 2×3 map from source to output coordinates (a, b, c, d, e, f: u = a·x + b·y + c, v = d·x + e·y + f)
     */
    public static float[] warp(float[] planes, int channels, int height, int width, double[] forward, int outHeight,
                               int outWidth) {
        if (forward.length != 6) {
            throw new IllegalArgumentException("an affine map needs 6 values, got " + forward.length);
        }
        double det = forward[0] * forward[4] - forward[1] * forward[3];
        if (!(Math.abs(det) > 1e-300)) {
            throw new IllegalArgumentException("the affine map is singular (determinant " + det + ")");
        }
        // Inverse: [x y] = A⁻¹([u v] − t).
        double ia = forward[4] / det;
        double ib = -forward[1] / det;
        double id = -forward[3] / det;
        double ie = forward[0] / det;
        double ic = -(ia * forward[2] + ib * forward[5]);
        double iff = -(id * forward[2] + ie * forward[5]);
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        float[] out = new float[channels * outPlane];
        for (int v = 0; v < outHeight; v++) {
            for (int u = 0; u < outWidth; u++) {
                double x = ia * u + ib * v + ic;
                double y = id * u + ie * v + iff;
                double fx0 = Math.floor(x);
                double fy0 = Math.floor(y);
                if (fx0 < -1 || fy0 < -1 || fx0 >= width || fy0 >= height) {
                    continue;   // all four neighbours outside: stays 0
                }
                int x0 = (int) fx0;
                int y0 = (int) fy0;
                float wx = (float) (x - fx0);
                float wy = (float) (y - fy0);
                float w00 = (1 - wx) * (1 - wy);
                float w01 = wx * (1 - wy);
                float w10 = (1 - wx) * wy;
                float w11 = wx * wy;
                boolean inX0 = x0 >= 0;
                boolean inX1 = x0 + 1 < width;
                boolean inY0 = y0 >= 0;
                boolean inY1 = y0 + 1 < height;
                int o = v * outWidth + u;
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    float sum = 0;
                    if (inY0) {
                        int row = base + y0 * width;
                        if (inX0) {
                            sum += w00 * planes[row + x0];
                        }
                        if (inX1) {
                            sum += w01 * planes[row + x0 + 1];
                        }
                    }
                    if (inY1) {
                        int row = base + (y0 + 1) * width;
                        if (inX0) {
                            sum += w10 * planes[row + x0];
                        }
                        if (inX1) {
                            sum += w11 * planes[row + x0 + 1];
                        }
                    }
                    out[c * outPlane + o] = sum;
                }
            }
        }
        return out;
    }
}
