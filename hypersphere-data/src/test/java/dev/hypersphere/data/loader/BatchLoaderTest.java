package dev.hypersphere.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.Batch;
import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.data.transform.Normalize;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.data.transform.Resize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batches are the same for any thread count, resumable, fresh, complete; worker errors reach the consumer. */
class BatchLoaderTest {

    private static final SyntheticFaces FACES = new SyntheticFaces(10, 7, 3, 20, 18, 3);   // 70 samples
    private static final Preprocessing AUGMENTED = Preprocessing.insightface(3, 16, 16)
            .withCrop(new Preprocessing.Crop(0.6, 1, 0.8, 1.25)).withJitter(new Preprocessing.Jitter(0.3, 0.3, 0.3));

    private static List<Batch> epoch(BatchLoader loader, int epoch, int start) throws IOException {
        List<Batch> batches = new ArrayList<>();
        try (BatchLoader.Epoch e = loader.epoch(epoch, start)) {
            while (e.hasNext()) {
                batches.add(e.nextBatch());
            }
        }
        return batches;
    }

    private static BatchLoader loader(int threads, boolean dropLast) {
        return new BatchLoader(FACES, Pipeline.training(AUGMENTED, 5),
                new LoaderOptions(8, threads, 3, true, dropLast, 17));
    }

    private static void assertSameBatches(List<Batch> expected, List<Batch> actual) {
        assertEquals(expected.size(), actual.size());
        for (int b = 0; b < expected.size(); b++) {
            assertArrayEquals(expected.get(b).indices(), actual.get(b).indices(), "indices of batch " + b);
            assertArrayEquals(expected.get(b).labels(), actual.get(b).labels(), "labels of batch " + b);
            assertArrayEquals(expected.get(b).data(), actual.get(b).data(), "pixels of batch " + b);
        }
    }

    @Test
    void oneAndThreeThreadsGiveIdenticalBatches() throws IOException {
        try (BatchLoader one = loader(1, true); BatchLoader three = loader(3, true)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                assertSameBatches(epoch(one, epoch, 0), epoch(three, epoch, 0));
            }
        }
    }

    @Test
    void resumingAtEpochAndBatchReproducesTheRemainingBatches() throws IOException {
        try (BatchLoader loader = loader(2, true)) {
            List<Batch> full = epoch(loader, 4, 0);
            assertSameBatches(full.subList(5, full.size()), epoch(loader, 4, 5));
        }
        try (BatchLoader fresh = loader(2, true)) {   // a new process resuming: same batches
            List<Batch> resumed = epoch(fresh, 4, 5);
            try (BatchLoader reference = loader(1, true)) {
                List<Batch> full = epoch(reference, 4, 0);
                assertSameBatches(full.subList(5, full.size()), resumed);
            }
        }
    }

    @Test
    void epochsAreShuffledDifferentlyAndCoverEverySampleOnce() throws IOException {
        try (BatchLoader loader = loader(2, false)) {
            assertEquals(9, loader.batchesPerEpoch());   // 70 = 8·8 + 6
            List<Batch> e0 = epoch(loader, 0, 0);
            List<Batch> e1 = epoch(loader, 1, 0);
            assertEquals(6, e0.get(8).size());
            Set<Integer> seen = new HashSet<>();
            for (Batch b : e0) {
                for (int i = 0; i < b.size(); i++) {
                    assertTrue(seen.add(b.indices()[i]));
                    assertEquals(FACES.label(b.indices()[i]), b.labels()[i]);
                }
                assertEquals(b.size() * 3 * 16 * 16, b.data().length);
                assertEquals(3, b.channels());
                assertEquals(16, b.height());
            }
            assertEquals(70, seen.size());
            assertFalse(Arrays.equals(e0.get(0).indices(), e1.get(0).indices()));
        }
        try (BatchLoader dropping = loader(2, true)) {
            assertEquals(8, dropping.batchesPerEpoch());
            assertEquals(8, epoch(dropping, 0, 0).size());
        }
    }

    @Test
    void everyBatchOwnsFreshArrays() throws IOException {
        try (BatchLoader loader = loader(2, true)) {
            List<Batch> first = epoch(loader, 0, 0);
            float[] copy = first.get(0).data().clone();
            Arrays.fill(first.get(1).data(), Float.NaN);   // a consumer scribbling on one batch
            List<Batch> again = epoch(loader, 0, 0);
            assertArrayEquals(copy, again.get(0).data());
            for (int i = 0; i < first.size(); i++) {
                for (int j = 0; j < again.size(); j++) {
                    assertNotSame(first.get(i).data(), again.get(j).data());
                }
            }
            assertFalse(Float.isNaN(again.get(1).data()[0]));
        }
    }

    @Test
    void sequentialLoaderIsInOrderWithOnlyResizeAndNormalise() throws IOException {
        Preprocessing pre = AUGMENTED;
        try (BatchLoader loader = BatchLoader.sequential(FACES, pre, 16, 2)) {
            assertEquals(5, loader.batchesPerEpoch());
            List<Batch> batches = epoch(loader, 0, 0);
            assertEquals(6, batches.get(4).size());
            int index = 0;
            for (Batch b : batches) {
                for (int i = 0; i < b.size(); i++, index++) {
                    assertEquals(index, b.indices()[i]);
                }
            }
            Sample s = FACES.get(21);
            float[] expected = Normalize.insightface().apply(new Resize(16, 16).apply(s, null), null).pixels();
            int length = 3 * 16 * 16;
            assertArrayEquals(expected, Arrays.copyOfRange(batches.get(1).data(), 5 * length, 6 * length));
        }
    }

    /** Fails on sample 13 the way a corrupt file does. */
    private static final class Failing implements SampleSource {
        @Override
        public int size() {
            return 40;
        }

        @Override
        public Sample get(int index) throws IOException {
            if (index == 13) {
                throw new MalformedDataException("/data/faces/bob/13.jpg: corrupt JPEG (Premature end of JPEG file)");
            }
            return FACES.get(index);
        }

        @Override
        public int label(int index) {
            return FACES.label(index);
        }

        @Override
        public List<String> classNames() {
            return FACES.classNames();
        }
    }

    @Test
    void workerErrorsReachTheConsumerWithTheFileName() {
        try (BatchLoader loader = new BatchLoader(new Failing(), Pipeline.evaluation(AUGMENTED), LoaderOptions.sequential(4, 2))) {
            BatchLoader.Epoch epoch = loader.epoch(0);
            IOException e = assertThrows(IOException.class, () -> {
                while (epoch.hasNext()) {
                    epoch.nextBatch();
                }
            });
            assertEquals("epoch 0, batch 3: cannot load sample 13: /data/faces/bob/13.jpg: corrupt JPEG (Premature end of JPEG file)",
                    e.getMessage());
            assertFalse(epoch.hasNext(), "the epoch stops at the error");
            UncheckedIOException unchecked = assertThrows(UncheckedIOException.class, () -> loader.epoch(0).forEachRemaining(b -> { }));
            assertTrue(unchecked.getMessage().contains("13.jpg"));
        }
    }

    @Test
    void closedLoaderRefusesNewEpochsAndBadPositionsAreRejected() {
        BatchLoader loader = loader(2, true);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, 9));
        assertEquals("start batch must be in [0, 8], got 9", bad.getMessage());
        loader.epoch(0);   // left open: close must stop it
        loader.close();
        assertThrows(IllegalStateException.class, () -> loader.epoch(1));
    }
}
