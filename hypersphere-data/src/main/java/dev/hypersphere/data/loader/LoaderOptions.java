package dev.hypersphere.data.loader;

import dev.hypersphere.validate.Inputs;

/**
 * How a {@link BatchLoader} batches: samples per batch, decoding threads, batches prepared ahead (bounded
 * prefetch), whether each epoch is shuffled (seeded by (seed, epoch)), and whether a last, smaller batch is dropped.
 */
public record LoaderOptions(int batchSize, int threads, int prefetch, boolean shuffle, boolean dropLast, long seed) {

    public LoaderOptions {
        Inputs.requireAtLeast("batchSize", batchSize, 1);
        Inputs.requireAtLeast("threads", threads, 1);
        Inputs.requireAtLeast("prefetch", prefetch, 1);
    }

    /** Training defaults: shuffled, last partial batch dropped, 2 batches ahead per thread. */
    public static LoaderOptions training(int batchSize, int threads, long seed) {
        return new LoaderOptions(batchSize, threads, 2 * threads, true, true, seed);
    }

    /** In source order, every sample once (for embedding and evaluation). */
    public static LoaderOptions sequential(int batchSize, int threads) {
        return new LoaderOptions(batchSize, threads, 2 * threads, false, false, 0);
    }

    public LoaderOptions withThreads(int t) {
        return new LoaderOptions(batchSize, t, Math.max(prefetch, t), shuffle, dropLast, seed);
    }

    public LoaderOptions withPrefetch(int p) {
        return new LoaderOptions(batchSize, threads, p, shuffle, dropLast, seed);
    }

    public LoaderOptions withDropLast(boolean drop) {
        return new LoaderOptions(batchSize, threads, prefetch, shuffle, drop, seed);
    }

    public LoaderOptions withShuffle(boolean s) {
        return new LoaderOptions(batchSize, threads, prefetch, s, dropLast, seed);
    }
}
