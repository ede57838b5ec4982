package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomResizedCrop}: a window covering a uniform fraction in [scaleMin, scaleMax] of the
 * image area, with an aspect ratio (width/height) log-uniform in [ratioMin, ratioMax], at a uniform position, is
 * resized bilinearly to height×width. After ten windows that do not fit, it falls back to the largest central
 * crop within the ratio range (torchvision's rule).
 */
public record RandomResizedCrop(int height, int width, double scaleMin, double scaleMax, double ratioMin, double ratioMax)
        implements Transform {

    public RandomResizedCrop {
        Inputs.requireAtLeast("crop height", height, 1);
        Inputs.requireAtLeast("crop width", width, 1);
        Inputs.requireInRange("crop scale min", scaleMin, Double.MIN_VALUE, 1, "fraction of the image area");
        Inputs.requireInRange("crop scale max", scaleMax, scaleMin, 1, "fraction of the image area, ≥ scale min");
        Inputs.requirePositive("crop ratio min", ratioMin);
        Inputs.requireInRange("crop ratio max", ratioMax, ratioMin, Double.MAX_VALUE, "≥ ratio min");
    }

    /** torchvision's defaults: scale (0.08, 1), ratio (3/4, 4/3). */
    public static RandomResizedCrop torchvisionDefaults(int height, int width) {
        return new RandomResizedCrop(height, width, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    /** The window (top, left, height, width) drawn for an image of h×w. */
    public int[] window(int imageHeight, int imageWidth, SplittableRandom random) {
        double area = (double) imageHeight * imageWidth;
        double logMin = Math.log(ratioMin);
        double logMax = Math.log(ratioMax);
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * uniform(random, scaleMin, scaleMax);
            double ratio = Math.exp(uniform(random, logMin, logMax));
            int w = (int) Math.round(Math.sqrt(targetArea * ratio));
            int h = (int) Math.round(Math.sqrt(targetArea / ratio));
            if (w > 0 && w <= imageWidth && h > 0 && h <= imageHeight) {
                int top = random.nextInt(imageHeight - h + 1);
                int left = random.nextInt(imageWidth - w + 1);
                return new int[] {top, left, h, w};
            }
        }
        double inRatio = (double) imageWidth / imageHeight;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = imageWidth;
            h = (int) Math.round(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = imageHeight;
            w = (int) Math.round(h * ratioMax);
        } else {
            w = imageWidth;
            h = imageHeight;
        }
        h = Math.max(1, Math.min(h, imageHeight));
        w = Math.max(1, Math.min(w, imageWidth));
        return new int[] {(imageHeight - h) / 2, (imageWidth - w) / 2, h, w};
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low == high ? low : low + (high - low) * random.nextDouble();
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        int[] box = window(s.height(), s.width(), random);
        float[] out = Bilinear.resizeWindow(s.pixels(), s.channels(), s.height(), s.width(), box[0], box[1], box[2], box[3],
                height, width);
        return Transform.reshaped(s, out, s.channels(), height, width);
    }
}
