package dev.hypersphere.train.contrastive;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.image.ChannelConversion;
import dev.hypersphere.data.transform.Transform;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomGrayscale}: with the given probability an RGB image becomes grey (ITU-R 601 luma) in
 * all three channels, so the shape is kept. One uniform draw per sample, always made; one-channel images pass.
 */
public record RandomGrayscale(double probability) implements Transform {

    public RandomGrayscale {
        Inputs.requireInRange("grayscale probability", probability, 0, 1, "");
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        if (!(random.nextDouble() < probability) || s.channels() != 3) {
            return s;
        }
        int plane = s.height() * s.width();
        float[] p = s.pixels();
        float[] out = new float[p.length];
        for (int i = 0; i < plane; i++) {
            float grey = (float) (ChannelConversion.LUMA_R * p[i] + ChannelConversion.LUMA_G * p[plane + i]
                    + ChannelConversion.LUMA_B * p[2 * plane + i]);
            out[i] = grey;
            out[plane + i] = grey;
            out[2 * plane + i] = grey;
        }
        return Transform.reshaped(s, out, 3, s.height(), s.width());
    }
}
