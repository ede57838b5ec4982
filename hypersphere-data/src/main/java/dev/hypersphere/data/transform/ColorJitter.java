package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.image.ChannelConversion;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/**
 * torchvision's {@code ColorJitter} without hue: brightness, contrast and saturation factors drawn uniformly from
 * [max(0, 1 − v), 1 + v], applied in a random order, each a blend clamped to [0, 255]: brightness scales the
 * pixels, contrast blends with the mean grey level of the image, saturation with each pixel's grey (ITU-R 601
 * luma). Saturation leaves a one-channel image unchanged. Zero disables a component (no draw is made for it).
 */
public record ColorJitter(double brightness, double contrast, double saturation) implements Transform {

    public ColorJitter {
        Inputs.requireInRange("brightness jitter", brightness, 0, 1e6, "");
        Inputs.requireInRange("contrast jitter", contrast, 0, 1e6, "");
        Inputs.requireInRange("saturation jitter", saturation, 0, 1e6, "");
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        int[] order = {0, 1, 2};
        for (int i = order.length - 1; i > 0; i--) {   // Fisher–Yates: a random order, as torchvision's randperm
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] p = s.pixels().clone();
        int plane = s.height() * s.width();
        for (int step : order) {
            switch (step) {
                case 0 -> {
                    if (brightness > 0) {
                        blendWith(p, factor(random, brightness), 0f);
                    }
                }
                case 1 -> {
                    if (contrast > 0) {
                        double f = factor(random, contrast);
                        blendWith(p, f, (float) meanGrey(p, s.channels(), plane));
                    }
                }
                default -> {
                    if (saturation > 0) {
                        double f = factor(random, saturation);
                        if (s.channels() == 3) {
                            saturate(p, plane, f);
                        }
                    }
                }
            }
        }
        return Transform.reshaped(s, p, s.channels(), s.height(), s.width());
    }

    private static double factor(SplittableRandom random, double amount) {
        double low = Math.max(0, 1 - amount);
        return low + (1 + amount - low) * random.nextDouble();
    }

    /** p ← clamp(f·p + (1 − f)·other). */
    private static void blendWith(float[] p, double f, float other) {
        float ff = (float) f;
        float rest = (float) ((1 - f) * other);
        for (int i = 0; i < p.length; i++) {
            p[i] = clamp(ff * p[i] + rest);
        }
    }

    private static void saturate(float[] p, int plane, double f) {
        float ff = (float) f;
        float rest = 1 - ff;
        for (int i = 0; i < plane; i++) {
            float grey = (float) (ChannelConversion.LUMA_R * p[i] + ChannelConversion.LUMA_G * p[plane + i]
                    + ChannelConversion.LUMA_B * p[2 * plane + i]);
            p[i] = clamp(ff * p[i] + rest * grey);
            p[plane + i] = clamp(ff * p[plane + i] + rest * grey);
            p[2 * plane + i] = clamp(ff * p[2 * plane + i] + rest * grey);
        }
    }

    static double meanGrey(float[] p, int channels, int plane) {
        double sum = 0;
        if (channels == 3) {
            for (int i = 0; i < plane; i++) {
                sum += ChannelConversion.LUMA_R * p[i] + ChannelConversion.LUMA_G * p[plane + i]
                        + ChannelConversion.LUMA_B * p[2 * plane + i];
            }
        } else {
            for (int i = 0; i < p.length; i++) {
                sum += p[i];
            }
        }
        return sum / plane;
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }
}
