package dev.hypersphere.face.align;

/**
 * The least-squares similarity transform taking one point set onto another (Umeyama, "Least-squares estimation of
 * transformation parameters between two point patterns", IEEE PAMI 13(4), 1991; what insightface's alignment gets
 * from skimage's {@code SimilarityTransform.estimate}). It minimises Σ‖dst_i − (s·R·src_i + t)‖² over rotations R
 * (det +1, no reflection), scales s ≥ 0 and translations t.
 *
 * <p>In two dimensions s·R = [a −b; b a] is linear in (a, b), so the minimiser has a closed form on the centred points
 * p (source) and q (target): a = Σ(p·q)/Σ‖p‖², b = Σ(p × q)/Σ‖p‖², t = q̄ − s·R·p̄. It is the same optimum that
 * Umeyama's SVD reaches, reflections included (when det(Σ qpᵀ) &lt; 0 his correction flips the smaller singular
 * value, which gives this a, b); {@code UmeyamaTest} checks it against the SVD form run in numpy.
 */
public final class Umeyama {

    private Umeyama() {}

    /**
     * @param src x0, y0, x1, y1, … (at least two distinct points)
     * @param dst the same number of target points
     */
    public static Similarity estimate(double[] src, double[] dst) {
        if (src.length != dst.length || src.length < 4 || src.length % 2 != 0) {
            throw new IllegalArgumentException("need two equal lists of at least 2 points (x, y pairs), got "
                    + src.length + " and " + dst.length + " values");
        }
        int n = src.length / 2;
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src[2 * i];
            sy += src[2 * i + 1];
            dx += dst[2 * i];
            dy += dst[2 * i + 1];
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = src[2 * i] - sx;
            double py = src[2 * i + 1] - sy;
            double qx = dst[2 * i] - dx;
            double qy = dst[2 * i + 1] - dy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (!(norm > 0) || !Double.isFinite(dot + cross)) {
            throw new IllegalArgumentException("the source points all coincide (or are not finite): no similarity fits them");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new Similarity(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
    }

    /** {@link #estimate} for float landmarks. */
    public static Similarity estimate(float[] src, double[] dst) {
        double[] s = new double[src.length];
        for (int i = 0; i < src.length; i++) {
            s[i] = src[i];
        }
        return estimate(s, dst);
    }
}
