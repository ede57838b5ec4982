package dev.hypersphere.train.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Contrastive batches: a pure function of (seed, step), every image once per epoch, two different views. */
class TwoViewSamplerTest {

    /** 20 RGB 8×8 images; image i's label is i and its pixels a seeded pattern. */
    private static final SampleSource SOURCE = new SampleSource() {
        @Override
        public int size() {
            return 20;
        }

        @Override
        public Sample get(int index) {
            SplittableRandom random = new SplittableRandom(index);
            float[] pixels = new float[3 * 8 * 8];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = random.nextInt(256);
            }
            return new Sample(pixels, 3, 8, 8, index, "image-" + index);
        }

        @Override
        public int label(int index) {
            return index;
        }

        @Override
        public List<String> classNames() {
            return java.util.stream.IntStream.range(0, 20).mapToObj(Integer::toString).toList();
        }
    };

    @Test
    void batchesArePureFunctionsOfSeedAndStep() {
        TwoViewSampler a = new TwoViewSampler(SOURCE, ViewAugmentation.cifar(6, 0.2), 4, 11);
        TwoViewSampler b = new TwoViewSampler(SOURCE, ViewAugmentation.cifar(6, 0.2), 4, 11);
        TwoViews late = a.batch(7);
        a.batch(0);
        TwoViews again = a.batch(7);
        assertArrayEquals(late.first(), again.first());
        assertArrayEquals(late.second(), b.batch(7).second());
        assertEquals(3 * 6 * 6 * 4, late.first().length);
        assertFalse(Arrays.equals(late.first(), late.second()), "the two views are drawn independently");
        assertFalse(Arrays.equals(late.first(), new TwoViewSampler(SOURCE, ViewAugmentation.cifar(6, 0.2), 4, 12)
                .batch(7).first()), "another seed, other batches");
    }

    @Test
    void eachEpochVisitsEveryImageOnceInANewOrder() {
        TwoViewSampler sampler = new TwoViewSampler(SOURCE, ViewAugmentation.cifarClean(), 5, 3);
        assertEquals(4, sampler.batchesPerEpoch());
        int[][] epochs = new int[2][];
        for (int e = 0; e < 2; e++) {
            int[] seen = new int[20];
            for (int s = 0; s < 4; s++) {
                int[] labels = sampler.batch(e * 4L + s).labels();
                System.arraycopy(labels, 0, seen, s * 5, 5);
            }
            epochs[e] = seen.clone();
            Arrays.sort(seen);
            for (int i = 0; i < 20; i++) {
                assertEquals(i, seen[i]);
            }
        }
        assertFalse(Arrays.equals(epochs[0], epochs[1]), "epochs are shuffled differently");
    }

    @Test
    void cleanViewsAreTheNormalisedImage() throws Exception {
        TwoViews views = new TwoViewSampler(SOURCE, ViewAugmentation.cifarClean(), 2, 0).views(new int[] {3}, 0);
        Sample s = SOURCE.get(3);
        assertArrayEquals(views.first(), views.second());
        // Red channel, first pixel: (x/255 − 0.4914)/0.2470.
        assertEquals((s.pixels()[0] / 255.0 - 0.4914) / 0.2470, views.first()[0], 1e-5);
    }

    @Test
    void greyscaleGivesThreeEqualChannelsOfLuma() throws Exception {
        Sample s = SOURCE.get(1);
        Sample grey = new RandomGrayscale(1).apply(s, new SplittableRandom(0));
        int plane = 64;
        for (int i = 0; i < plane; i++) {
            double luma = 0.299 * s.pixels()[i] + 0.587 * s.pixels()[plane + i] + 0.114 * s.pixels()[2 * plane + i];
            assertEquals(luma, grey.pixels()[i], 1e-3);
            assertEquals(grey.pixels()[i], grey.pixels()[plane + i]);
            assertEquals(grey.pixels()[i], grey.pixels()[2 * plane + i]);
        }
        assertArrayEquals(s.pixels(), new RandomGrayscale(0).apply(s, new SplittableRandom(0)).pixels());
    }

    @Test
    void aBatchLargerThanTheSourceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TwoViewSampler(SOURCE, ViewAugmentation.cifarClean(), 21, 0));
        assertEquals("a contrastive batch of 21 needs at least as many images; the source holds 20", e.getMessage());
    }
}
