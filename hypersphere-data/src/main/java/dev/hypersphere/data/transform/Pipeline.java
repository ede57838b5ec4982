package dev.hypersphere.data.transform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link Preprocessing} made runnable: the list of {@link Transform}s it describes, with the seed its random steps
 * draw from. The result for a sample depends only on (seed, epoch, sample index), so any thread may run it in any
 * order. Stateless and thread-safe.
 */
public final class Pipeline {

    private final Preprocessing preprocessing;
    private final long seed;
    private final List<Transform> steps;
    private final Normalize normalize;

    private Pipeline(Preprocessing preprocessing, long seed) {
        this.preprocessing = preprocessing;
        this.seed = seed;
        List<Transform> list = new ArrayList<>();
        list.add(new ChannelAdapt(preprocessing.channels()));
        Preprocessing.Crop crop = preprocessing.crop();
        if (crop != null) {
            list.add(new RandomResizedCrop(preprocessing.height(), preprocessing.width(), crop.scaleMin(), crop.scaleMax(),
                    crop.ratioMin(), crop.ratioMax()));
        } else {
            list.add(new Resize(preprocessing.height(), preprocessing.width()));
        }
        if (preprocessing.flipProbability() > 0) {
            list.add(new HorizontalFlip(preprocessing.flipProbability()));
        }
        Preprocessing.Jitter jitter = preprocessing.jitter();
        if (jitter != null && (jitter.brightness() > 0 || jitter.contrast() > 0 || jitter.saturation() > 0)) {
            list.add(new ColorJitter(jitter.brightness(), jitter.contrast(), jitter.saturation()));
        }
        this.steps = List.copyOf(list);
        this.normalize = new Normalize(preprocessing.mean(), preprocessing.std());
    }

    /** Every step of {@code preprocessing}, random ones seeded from {@code seed}. */
    public static Pipeline training(Preprocessing preprocessing, long seed) {
        return new Pipeline(preprocessing, seed);
    }

    /** Only the deterministic steps (adaptation, resize, normalisation). */
    public static Pipeline evaluation(Preprocessing preprocessing) {
        return new Pipeline(preprocessing.evaluation(), 0);
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public long seed() {
        return seed;
    }

    /** Values per output sample. */
    public int sampleLength() {
        return preprocessing.sampleLength();
    }

    /** The preprocessed (normalised) sample {@code index} of epoch {@code epoch}. */
    public Sample apply(Sample sample, long epoch, int index) {
        float[] out = new float[sampleLength()];
        applyInto(sample, epoch, index, out, 0);
        return new Sample(out, preprocessing.channels(), preprocessing.height(), preprocessing.width(), sample.label(),
                sample.source());
    }

    /** Writes the preprocessed sample into {@code out} from {@code offset} (C·H·W values). */
    public void applyInto(Sample sample, long epoch, int index, float[] out, int offset) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, epoch, index));
        Sample s = sample;
        for (Transform step : steps) {
            s = step.apply(s, random);
        }
        normalize.applyInto(s, out, offset);
    }
}
