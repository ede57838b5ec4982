package dev.hypersphere.train.contrastive;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.transform.ColorJitter;
import dev.hypersphere.data.transform.HorizontalFlip;
import dev.hypersphere.data.transform.Normalize;
import dev.hypersphere.data.transform.RandomResizedCrop;
import dev.hypersphere.data.transform.Transform;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one view of an image is drawn for contrastive learning: random steps on the raw [0, 255] pixels, then
 * normalisation. Stateless: each call draws only from the {@code random} it is given.
 */
public final class ViewAugmentation {

    /** CIFAR-10's per-channel mean and std on the [0, 1] scale (the values the paper's code normalises with). */
    public static final List<Double> CIFAR_MEAN = List.of(0.4914, 0.4822, 0.4465);
    public static final List<Double> CIFAR_STD = List.of(0.2470, 0.2435, 0.2616);

    private final List<Transform> steps;
    private final Normalize normalize;

    public ViewAugmentation(List<Transform> steps, Normalize normalize) {
        this.steps = List.copyOf(steps);
        this.normalize = normalize;
    }

    /**
     * Wang &amp; Isola's CIFAR-10 views (after SimCLR's): random resized crop of area scale (scaleMin, 1) and ratio
     * (3/4, 4/3) to size×size, horizontal flip ½, colour jitter 0.4 brightness/contrast/saturation with probability
     * 0.8, grey with probability 0.2. Their jitter also moves hue by 0.4; this one has no hue component.
     */
    public static ViewAugmentation cifar(int size, double scaleMin) {
        return new ViewAugmentation(List.of(
                new RandomResizedCrop(size, size, scaleMin, 1.0, 3.0 / 4.0, 4.0 / 3.0),
                new HorizontalFlip(0.5),
                new RandomApply(new ColorJitter(0.4, 0.4, 0.4), 0.8),
                new RandomGrayscale(0.2)), new Normalize(CIFAR_MEAN, CIFAR_STD));
    }

    /** No random step: the clean image, normalised as {@link #cifar} normalises (for embedding test images). */
    public static ViewAugmentation cifarClean() {
        return new ViewAugmentation(List.of(), new Normalize(CIFAR_MEAN, CIFAR_STD));
    }

    public List<Transform> steps() {
        return steps;
    }

    /** The height of a view of {@code sample}: the last crop's, else the sample's own. */
    public int outputHeight(Sample sample) {
        int h = sample.height();
        for (Transform step : steps) {
            if (step instanceof RandomResizedCrop crop) {
                h = crop.height();
            }
        }
        return h;
    }

    /** The width of a view of {@code sample}: the last crop's, else the sample's own. */
    public int outputWidth(Sample sample) {
        int w = sample.width();
        for (Transform step : steps) {
            if (step instanceof RandomResizedCrop crop) {
                w = crop.width();
            }
        }
        return w;
    }

    /** Writes one view of {@code sample} (normalised, C·H·W values) into {@code out} from {@code offset}. */
    public void applyInto(Sample sample, SplittableRandom random, float[] out, int offset) {
        Sample s = sample;
        for (Transform step : steps) {
            s = step.apply(s, random);
        }
        normalize.applyInto(s, out, offset);
    }
}
