package dev.hypersphere.data.noise;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.Seeds;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A source whose labels are partly wrong on purpose, as in the sub-center ArcFace noise experiments: a seeded
 * {@code fraction} of the samples gets a label drawn uniformly from the other classes ("symmetric" noise). The
 * corrupted samples are known ({@link #isCorrupted}), so that a noise detector can be scored.
 */
public final class LabelNoise implements SampleSource {

    private final SampleSource base;
    private final int[] labels;
    private final boolean[] corrupted;
    private final int corruptedCount;

    public LabelNoise(SampleSource base, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("data.label-noise must be in [0, 1); got " + fraction);
        }
        int classes = base.numClasses();
        if (fraction > 0 && classes < 2) {
            throw new IllegalArgumentException("label noise needs at least 2 classes; got " + classes);
        }
        this.base = base;
        int n = base.size();
        labels = new int[n];
        corrupted = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = base.label(i);
        }
        // Exactly round(n·fraction) samples, chosen by a seeded partial Fisher–Yates shuffle.
        int count = (int) Math.round(n * fraction);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, 0x4015E));
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            int index = order[i];
            int other = random.nextInt(classes - 1);
            labels[index] = other >= labels[index] ? other + 1 : other;
            corrupted[index] = true;
        }
        corruptedCount = count;
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public Sample get(int index) throws IOException {
        Sample s = base.get(index);
        return new Sample(s.pixels(), s.channels(), s.height(), s.width(), labels[index], s.source());
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** The label before corruption. */
    public int cleanLabel(int index) {
        return base.label(index);
    }

    public boolean isCorrupted(int index) {
        return corrupted[index];
    }

    public int corruptedCount() {
        return corruptedCount;
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }
}
