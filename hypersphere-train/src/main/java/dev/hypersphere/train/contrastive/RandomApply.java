package dev.hypersphere.train.contrastive;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.transform.Transform;
import dev.hypersphere.validate.Inputs;
import java.util.SplittableRandom;

/** torchvision's {@code RandomApply}: runs {@code transform} with the given probability (one draw, always made). */
public record RandomApply(Transform transform, double probability) implements Transform {

    public RandomApply {
        Inputs.requireInRange("apply probability", probability, 0, 1, "");
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        return random.nextDouble() < probability ? transform.apply(s, random) : s;
    }
}
