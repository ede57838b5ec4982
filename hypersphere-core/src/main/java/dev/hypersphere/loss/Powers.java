package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;

/** Powers of squared distances whose gradient stays finite at distance 0. */
final class Powers {

    /** Below this, a squared distance is held constant on the gradient path of a fractional power. */
    static final double SQUARED_EPS = 1e-12;

    private Powers() {}

    /**
     * {@code u^p} for u ≥ 0. For p ≥ 1 this is smooth at 0 and computed directly. For p &lt; 1 its derivative
     * is infinite at 0, so the gradient is taken from {@code max(u, ε)^p} while the value stays exactly {@code u^p}.
     */
    static NDArray pow(NDArray u, double p) {
        if (p == 1) {
            return u;
        }
        if (p > 1) {
            return u.pow(p);
        }
        NDArray exact = u.clip(0, Float.MAX_VALUE).pow(p);
        NDArray smooth = u.clip(SQUARED_EPS, Float.MAX_VALUE).pow(p);
        return smooth.add(exact.sub(smooth).stopGradient());
    }
}
