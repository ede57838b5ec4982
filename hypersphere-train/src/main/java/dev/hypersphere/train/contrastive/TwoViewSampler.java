package dev.hypersphere.train.contrastive;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.Seeds;
import dev.hypersphere.validate.Inputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Contrastive batches from a source: each epoch visits the images in a seeded random order, {@code batchSize} at a
 * time (the last incomplete batch of an epoch is dropped), and each image gets two independent views. A batch is
 * a pure function of (seed, step): the same for any thread count and any order of calls, so a run can be
 * repeated exactly. Views are drawn on the common fork-join pool.
 */
public final class TwoViewSampler {

    private final SampleSource source;
    private final ViewAugmentation augmentation;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public TwoViewSampler(SampleSource source, ViewAugmentation augmentation, int batchSize, long seed) {
        Inputs.requireAtLeast("batch size", batchSize, 2);
        if (source.size() < batchSize) {
            throw new IllegalArgumentException("a contrastive batch of " + batchSize + " needs at least as many images; the "
                    + "source holds " + source.size());
        }
        this.source = source;
        this.augmentation = augmentation;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = source.size() / batchSize;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The batch of training step {@code step} (0-based). */
    public synchronized TwoViews batch(long step) {
        long epoch = step / batchesPerEpoch;
        int first = (int) (step % batchesPerEpoch) * batchSize;
        int[] order = order(epoch);
        int[] indices = new int[batchSize];
        System.arraycopy(order, first, indices, 0, batchSize);
        return views(indices, step);
    }

    /**
     * Two views of each of the given images, drawn from {@code draw} (batches use the step; evaluation may use any
     * other number: different draws give independent views).
     */
    public TwoViews views(int[] indices, long draw) {
        Sample probe = read(indices[0]);
        int c = probe.channels();
        int h = augmentation.outputHeight(probe);
        int w = augmentation.outputWidth(probe);
        int length = c * h * w;
        float[] first = new float[indices.length * length];
        float[] second = new float[indices.length * length];
        int[] labels = new int[indices.length];
        IntStream.range(0, indices.length).parallel().forEach(i -> {
            Sample s = read(indices[i]);
            labels[i] = s.label();
            augmentation.applyInto(s, new SplittableRandom(Seeds.derive(seed, draw, indices[i], 1)), first, i * length);
            augmentation.applyInto(s, new SplittableRandom(Seeds.derive(seed, draw, indices[i], 2)), second, i * length);
        });
        return new TwoViews(first, second, labels, c, h, w);
    }

    private int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            int n = source.size();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(Seeds.derive(seed, -1, epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedOrder = order;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    private Sample read(int index) {
        try {
            return source.get(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
