package dev.hypersphere.model.testing;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * The weights tools/backbone_forward_fixtures.py gives its PyTorch networks, computed the same way here: tensor p
 * (in parameter order), element i (row-major), u = sin(0.7 i + 1.3 p + 0.5).
 */
public final class DeterministicWeights {

    private DeterministicWeights() {}

    /** The fixture's name for a DJL parameter type. */
    public static String kind(Parameter parameter) {
        return switch (parameter.getType()) {
            case WEIGHT -> "weight";
            case BIAS -> "bias";
            case GAMMA -> "gamma";
            case BETA -> "beta";
            case RUNNING_MEAN -> "running_mean";
            case RUNNING_VAR -> "running_var";
            case OTHER -> "alpha";
        };
    }

    public static double[] values(String kind, int position, Shape shape) {
        int n = Math.toIntExact(shape.size());
        double[] v = new double[n];
        double fanIn = shape.dimension() > 1 ? shape.size() / (double) shape.get(0) : 1;
        for (int i = 0; i < n; i++) {
            double u = StrictMath.sin(0.7 * i + 1.3 * position + 0.5);
            v[i] = switch (kind) {
                case "weight" -> u / Math.sqrt(fanIn);
                case "bias", "beta", "running_mean" -> 0.1 * u;
                case "alpha" -> 0.25 + 0.05 * u;
                case "gamma" -> 1.0 + 0.1 * u;
                case "running_var" -> 1.25 + 0.25 * u;
                default -> throw new IllegalArgumentException(kind);
            };
        }
        return v;
    }

    /** x[i] = sin(0.37 i + 0.1), row-major over (N, C, H, W). */
    public static double[] input(long size) {
        double[] x = new double[Math.toIntExact(size)];
        for (int i = 0; i < x.length; i++) {
            x[i] = StrictMath.sin(0.37 * i + 0.1);
        }
        return x;
    }

    /** r[i] = cos(0.3 i): the weights of the scalar loss sum(output · r). */
    public static double[] lossWeights(long size) {
        double[] r = new double[Math.toIntExact(size)];
        for (int i = 0; i < r.length; i++) {
            r[i] = StrictMath.cos(0.3 * i);
        }
        return r;
    }
}
