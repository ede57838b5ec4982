package dev.hypersphere.bench;

import java.util.Locale;

/**
 * What a ratio should reach: {@code ratio ≤ bound} (e.g. our step time over PyTorch's ≤ 0.9) or {@code ratio ≥ bound}
 * (loader throughput over model consumption ≥ 2). {@link #NONE} for an informational comparison.
 */
public record Target(Direction direction, double bound) {

    public enum Direction { AT_MOST, AT_LEAST, NONE }

    public static final Target NONE = new Target(Direction.NONE, Double.NaN);

    public static Target atMost(double bound) {
        return new Target(Direction.AT_MOST, bound);
    }

    public static Target atLeast(double bound) {
        return new Target(Direction.AT_LEAST, bound);
    }

    /** Whether the ratio meets the target; null where there is no target or no ratio. */
    public Boolean met(Double ratio) {
        if (direction == Direction.NONE || ratio == null || !Double.isFinite(ratio)) {
            return null;
        }
        return direction == Direction.AT_MOST ? ratio <= bound : ratio >= bound;
    }

    @Override
    public String toString() {
        return switch (direction) {
            case AT_MOST -> String.format(Locale.ROOT, "≤ %s", trim(bound));
            case AT_LEAST -> String.format(Locale.ROOT, "≥ %s", trim(bound));
            case NONE -> "none";
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
