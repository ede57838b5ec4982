package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-channel normalisation in torchvision's convention: out = (x/255 − mean)/std, mean and std on the [0, 1]
 * scale, one value for all channels or one per channel. insightface's {@code (x/255 − 0.5)/0.5} is
 * {@link #insightface()}, mapping 0 → −1 and 255 → 1.
 */
public record Normalize(List<Double> mean, List<Double> std) implements Transform {

    public Normalize {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.isEmpty() || mean.size() != std.size()) {
            throw new IllegalArgumentException("normalise: mean and std need the same number of values (1 or one per channel), got "
                    + mean.size() + " and " + std.size());
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("normalise: std values must be finite and > 0, got " + std);
            }
        }
    }

    public static Normalize insightface() {
        return new Normalize(List.of(0.5), List.of(0.5));
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        float[] out = new float[s.pixels().length];
        applyInto(s, out, 0);
        return Transform.reshaped(s, out, s.channels(), s.height(), s.width());
    }

    /** Writes the normalised pixels of {@code s} into {@code out} from {@code offset}. */
    public void applyInto(Sample s, float[] out, int offset) {
        if (mean.size() != 1 && mean.size() != s.channels()) {
            throw new IllegalArgumentException("normalise: " + mean.size() + " mean values for a " + s.channels()
                    + "-channel sample (" + s.source() + ")");
        }
        int plane = s.height() * s.width();
        float[] in = s.pixels();
        for (int c = 0; c < s.channels(); c++) {
            double m = mean.get(mean.size() == 1 ? 0 : c);
            double sd = std.get(std.size() == 1 ? 0 : c);
            // (x/255 − m)/sd = x·a + b, in float32 as the engine will see it.
            float a = (float) (1.0 / (255.0 * sd));
            float b = (float) (-m / sd);
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[offset + i] = in[i] * a + b;
            }
        }
    }
}
