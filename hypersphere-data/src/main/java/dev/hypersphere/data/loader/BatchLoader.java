package dev.hypersphere.data.loader;

import dev.hypersphere.data.Batch;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.Seeds;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.data.transform.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a {@link SampleSource} and a {@link Pipeline} into batches, decoding and augmenting on a pool of worker
 * threads a bounded number of batches ahead. Everything in a batch depends only on (options seed, epoch) for the
 * order and (pipeline seed, epoch, sample index) for the augmentation, so the batches are the same whatever the
 * thread count, and an epoch can be resumed at any batch ({@link #epoch(int, int)}). Every batch gets fresh
 * arrays. An error in a worker (an unreadable file…) is thrown to the consumer by {@link Epoch#nextBatch} with the
 * sample's name. One epoch is read at a time; {@link #close} stops the workers.
 */
public final class BatchLoader implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SampleSource source;
    private final Pipeline pipeline;
    private final LoaderOptions options;
    private final ExecutorService workers;
    private Epoch current;
    private boolean closed;

    public BatchLoader(SampleSource source, Pipeline pipeline, LoaderOptions options) {
        this.source = source;
        this.pipeline = pipeline;
        this.options = options;
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "hypersphere-loader-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Every sample once, in source order, with only the deterministic preprocessing (resize, normalise). */
    public static BatchLoader sequential(SampleSource source, Preprocessing preprocessing, int batchSize, int threads) {
        return new BatchLoader(source, Pipeline.evaluation(preprocessing), LoaderOptions.sequential(batchSize, threads));
    }

    public LoaderOptions options() {
        return options;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public SampleSource source() {
        return source;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        int n = source.size();
        int b = options.batchSize();
        return options.dropLast() ? n / b : (n + b - 1) / b;
    }

    /** The sample order of an epoch: a seeded permutation when shuffling, else 0..N−1. */
    public int[] order(int epoch) {
        int n = source.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (options.shuffle()) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(options.seed(), 0x5EED, epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Epoch {@code epoch} from its first batch. */
    public Epoch epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * Epoch {@code epoch} from batch {@code startBatch} (to resume a run: the batches are those an uninterrupted
     * run would have seen). Closes the epoch read before, if any.
     */
    public synchronized Epoch epoch(int epoch, int startBatch) {
        if (closed) {
            throw new IllegalStateException("the loader is closed");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (startBatch < 0 || startBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("start batch must be in [0, " + batchesPerEpoch() + "], got " + startBatch);
        }
        if (current != null) {
            current.close();
        }
        current = new Epoch(epoch, startBatch);
        return current;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.close();
        }
        workers.shutdown();   // running batches finish (interrupting them would close the source's file channels)
        try {
            workers.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decodes and preprocesses one batch (on a worker thread). */
    private Batch load(int epoch, int[] order, int batch) throws IOException {
        int from = batch * options.batchSize();
        int to = Math.min(order.length, from + options.batchSize());
        int count = to - from;
        int length = pipeline.sampleLength();
        float[] data = new float[count * length];
        long[] labels = new long[count];
        int[] indices = new int[count];
        for (int k = 0; k < count; k++) {
            int index = order[from + k];
            Sample sample;
            try {
                sample = source.get(index);
            } catch (IOException e) {
                throw new IOException("cannot load sample " + index + ": " + e.getMessage(), e);
            }
            pipeline.applyInto(sample, epoch, index, data, k * length);
            labels[k] = sample.label();
            indices[k] = index;
        }
        Preprocessing p = pipeline.preprocessing();
        return new Batch(data, labels, indices, p.channels(), p.height(), p.width());
    }

    /**
     * The batches of one epoch, in order. {@link #nextBatch} throws the first worker error; the iterator form
     * wraps it in an {@link UncheckedIOException}.
     */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {

        private final int epoch;
        private final int[] order;
        private final int end;
        private int nextToSubmit;
        private int nextToReturn;
        private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
        private boolean finished;

        private Epoch(int epoch, int startBatch) {
            this.epoch = epoch;
            this.order = order(epoch);
            this.end = batchesPerEpoch();
            this.nextToSubmit = startBatch;
            this.nextToReturn = startBatch;
            fill();
        }

        public int epoch() {
            return epoch;
        }

        /** Index in the epoch of the batch {@link #nextBatch} returns next. */
        public int position() {
            return nextToReturn;
        }

        private void fill() {
            while (!finished && pending.size() < options.prefetch() && nextToSubmit < end) {
                int batch = nextToSubmit++;
                pending.add(workers.submit(() -> load(epoch, order, batch)));
            }
        }

        @Override
        public boolean hasNext() {
            return !finished && nextToReturn < end;
        }

        /** The next batch; an IOException names the sample (and file) that failed. */
        public Batch nextBatch() throws IOException {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has no batch after " + nextToReturn);
            }
            Future<Batch> future = pending.poll();
            int batch = nextToReturn;
            try {
                Batch result = future.get();
                nextToReturn++;
                fill();
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while waiting for batch " + batch + " of epoch " + epoch, e);
            } catch (CancellationException e) {
                close();
                throw new IllegalStateException("the loader was closed while batch " + batch + " of epoch " + epoch + " was loading", e);
            } catch (ExecutionException e) {
                close();
                Throwable cause = e.getCause();
                String where = "epoch " + epoch + ", batch " + batch + ": ";
                if (cause instanceof IllegalArgumentException bad) {
                    throw new IllegalArgumentException(where + bad.getMessage(), bad);
                }
                throw new IOException(where + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
            }
        }

        @Override
        public Batch next() {
            try {
                return nextBatch();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        /** Stops loading this epoch's remaining batches. */
        @Override
        public void close() {
            finished = true;
            for (Future<Batch> future : pending) {
                future.cancel(false);   // never interrupt: an interrupt closes a source's shared FileChannel
            }
            pending.clear();
        }
    }
}
