package dev.hypersphere.experiment.alignuniform;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A subset of an image source decoded once and kept as bytes (CIFAR-10's 50,000 RGB 32×32 images are 150 MB), so
 * that the many epochs of several encoders do not decode the same JPEGs again. Pixels must be whole numbers in
 * [0, 255], as decoders of 8-bit images give them.
 */
final class DecodedImages implements SampleSource {

    private final byte[] pixels;
    private final int[] labels;
    private final int[] sourceIndices;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;

    private DecodedImages(byte[] pixels, int[] labels, int[] sourceIndices, List<String> classNames, int channels,
                          int height, int width) {
        this.pixels = pixels;
        this.labels = labels;
        this.sourceIndices = sourceIndices;
        this.classNames = classNames;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** {@code count} images of {@code source} chosen by a seeded shuffle (all of them, in order, if count ≥ size). */
    static int[] choose(SampleSource source, int count, long seed) {
        int n = source.size();
        int[] order = IntStream.range(0, n).toArray();
        if (count >= n) {
            return order;
        }
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, n, count));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(order, count);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** Decodes the given images of {@code source} (in parallel); all must have the first one's shape. */
    static DecodedImages decode(SampleSource source, int[] indices) throws IOException {
        Sample first = source.get(indices[0]);
        int c = first.channels();
        int h = first.height();
        int w = first.width();
        int length = c * h * w;
        byte[] pixels = new byte[indices.length * length];
        int[] labels = new int[indices.length];
        try {
            IntStream.range(0, indices.length).parallel().forEach(i -> {
                Sample s;
                try {
                    s = source.get(indices[i]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (s.channels() != c || s.height() != h || s.width() != w) {
                    throw new IllegalArgumentException(s.source() + ": " + s.channels() + "×" + s.height() + "×" + s.width()
                            + " image among " + c + "×" + h + "×" + w + " ones");
                }
                float[] p = s.pixels();
                for (int k = 0; k < length; k++) {
                    pixels[i * length + k] = (byte) Math.round(Math.max(0, Math.min(255, p[k])));
                }
                labels[i] = s.label();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new DecodedImages(pixels, labels, indices.clone(), source.classNames(), c, h, w);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Sample get(int index) {
        int length = channels * height * width;
        float[] p = new float[length];
        for (int k = 0; k < length; k++) {
            p[k] = pixels[index * length + k] & 0xff;
        }
        return new Sample(p, channels, height, width, labels[index], "#" + sourceIndices[index]);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** All labels, in order. */
    int[] labels() {
        return labels.clone();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }
}
