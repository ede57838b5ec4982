package dev.hypersphere.testing;

import java.util.function.ToDoubleFunction;

/** Central finite differences of a scalar function of a float64 vector: the independent check of autograd. */
public final class FiniteDifferences {

    private FiniteDifferences() {}

    /**
     * ∂f/∂v_i ≈ (f(v + h e_i) − f(v − h e_i)) / 2h for every i; {@code values} is restored afterwards.
     */
    public static double[] gradient(double[] values, double h, ToDoubleFunction<double[]> f) {
        double[] grad = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double original = values[i];
            values[i] = original + h;
            double up = f.applyAsDouble(values);
            values[i] = original - h;
            double down = f.applyAsDouble(values);
            values[i] = original;
            grad[i] = (up - down) / (2 * h);
        }
        return grad;
    }
}
