package dev.hypersphere.face.verify;

import dev.hypersphere.data.image.ImageDecoder;
import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Photos → one unit embedding each, through the face pipeline on several threads: decode (in memory), detect, keep
 * one face by the policy (or the centre crop where none is found, when the options say so), align, embed (with the
 * mirror image when flip fusion is on). Every thread has a {@link FacePipeline} of its own (ONNX Runtime sessions
 * and DJL predictors are never shared between threads); photos are handed out in batches of {@value #BATCH}, whose
 * crops go through the embedder in one call. With several pipelines each ONNX Runtime session gets cores / threads
 * intra-op threads (1 on two cores with two threads): two single-threaded sessions side by side beat one that
 * spreads a small image over both cores.
 */
public final class PhotoEmbedder {

    /** Photos per embedder call. */
    public static final int BATCH = 32;

    /** Told how many photos are finished, after each batch (from worker threads, one call at a time). */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }

    private PhotoEmbedder() {}

    /**
     * Embeds every photo once.
     *
     * @param threads pipelines working side by side (0: one per core)
     * @throws IllegalArgumentException with policy {@code all} (one face per photo), or for a photo with several faces
     *         under policy {@code fail}
     * @throws IOException a photo that cannot be read or decoded, named
     */
    public static PhotoEmbeddings embed(FacePipelineOptions options, List<PhotoCollection.Photo> photos, int threads,
            Progress progress) throws IOException {
        if (options.policy() == MultiFacePolicy.ALL) {
            throw new IllegalArgumentException("face policy 'all' gives several faces per photo; one embedding per photo "
                    + "needs largest, central or fail");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: one per core), got " + threads);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.max(1, Math.min(threads == 0 ? cores : threads, (photos.size() + BATCH - 1) / BATCH));
        int intraOp = Math.max(1, cores / workers);
        Progress report = progress == null ? Progress.NONE : progress;
        long start = System.nanoTime();
        long startCpu = processCpuNanos();
        List<FacePipeline> pipelines = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                pipelines.add(FacePipeline.open(options, intraOp));
            }
            FacePipeline first = pipelines.get(0);
            int n = photos.size();
            Work work = new Work(photos, first.dim(), options.detector() != null, report);
            report.update(0, n);
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "photo-embedder");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (FacePipeline pipeline : pipelines) {
                    futures.add(pool.submit(() -> {
                        try {
                            work.run(pipeline);
                        } catch (IOException | RuntimeException | Error e) {
                            work.stop.set(true);   // the other pipelines stop after their current batch
                            throw e;
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    await(future, work);
                }
            } finally {
                pool.shutdownNow();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos();
            return work.result(first.modelId(), workers, intraOp, wall, cpu < 0 || startCpu < 0 ? Double.NaN : (cpu - startCpu) / 1e9);
        } finally {
            for (FacePipeline pipeline : pipelines) {
                pipeline.close();
            }
        }
    }

    /**
     * CPU time of the whole process (all threads, native ones included), or −1 where the JVM cannot tell: what the
     * work costs whatever else runs on the machine, which wall time on a shared machine does not say.
     */
    static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** Waits for a worker; its failure stops the others and is thrown as it was (IOException, runtime exception). */
    private static void await(Future<?> future, Work work) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            work.stop.set(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while embedding photos", e);
        } catch (ExecutionException e) {
            work.stop.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The shared state of one run: the next batch to take, the results, the counters. */
    private static final class Work {
        final List<PhotoCollection.Photo> photos;
        final int dim;
        final boolean detecting;
        final Progress progress;
        final float[] rows;
        final byte[] outcome;   // per photo: DETECTED, FALLBACK, WHOLE or NONE
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong done = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final LongAdder decodeNanos = new LongAdder();
        final LongAdder detectNanos = new LongAdder();
        final LongAdder alignNanos = new LongAdder();
        final LongAdder embedNanos = new LongAdder();
        final LongAdder embedWallNanos = new LongAdder();
        final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();

        Work(List<PhotoCollection.Photo> photos, int dim, boolean detecting, Progress progress) {
            this.photos = photos;
            this.dim = dim;
            this.detecting = detecting;
            this.progress = progress;
            this.rows = new float[photos.size() * dim];
            this.outcome = new byte[photos.size()];
        }

        void run(FacePipeline pipeline) throws IOException {
            int n = photos.size();
            List<float[]> crops = new ArrayList<>(BATCH);
            List<Integer> cropOf = new ArrayList<>(BATCH);
            int from;
            while (!stop.get() && (from = next.getAndAdd(BATCH)) < n) {
                int to = Math.min(n, from + BATCH);
                crops.clear();
                cropOf.clear();
                for (int i = from; i < to; i++) {
                    PhotoCollection.Photo photo = photos.get(i);
                    long t0 = cpu.getCurrentThreadCpuTime();
                    RgbImage pixels = RgbImage.of(ImageDecoder.decode(photo.bytes(), 3, photo.origin()));
                    long t1 = cpu.getCurrentThreadCpuTime();
                    List<DetectedFace> found = pipeline.detect(pixels);
                    long t2 = cpu.getCurrentThreadCpuTime();
                    List<FacePipeline.AlignedFace> faces = pipeline.crops(pixels, found, photo.origin());
                    long t3 = cpu.getCurrentThreadCpuTime();
                    decodeNanos.add(t1 - t0);
                    detectNanos.add(t2 - t1);
                    alignNanos.add(t3 - t2);
                    if (faces.isEmpty()) {
                        outcome[i] = PhotoEmbeddings.NONE;
                        continue;
                    }
                    DetectedFace face = faces.get(0).detection();
                    // Without a detector the whole image is the face; with one, a face without landmarks is the centre crop.
                    outcome[i] = !detecting ? PhotoEmbeddings.WHOLE
                            : face.hasLandmarks() ? PhotoEmbeddings.DETECTED : PhotoEmbeddings.FALLBACK;
                    crops.add(faces.get(0).crop());
                    cropOf.add(i);
                }
                long t4 = cpu.getCurrentThreadCpuTime();
                long w4 = System.nanoTime();
                float[][] embedded = pipeline.embed(crops);
                embedNanos.add(cpu.getCurrentThreadCpuTime() - t4);
                embedWallNanos.add(System.nanoTime() - w4);
                for (int k = 0; k < embedded.length; k++) {
                    System.arraycopy(embedded[k], 0, rows, cropOf.get(k) * dim, dim);
                }
                synchronized (progress) {
                    progress.update(done.addAndGet(to - from), n);
                }
            }
        }

        PhotoEmbeddings result(String modelId, int workers, int intraOp, double wallSeconds, double processCpuSeconds) {
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("wall_s", wallSeconds);
            timing.put("photos_per_s", photos.size() / Math.max(1e-9, wallSeconds));
            timing.put("process_cpu_s", processCpuSeconds);
            timing.put("pipelines", workers);
            timing.put("onnx_intra_op_threads", intraOp);
            Map<String, Object> stages = new LinkedHashMap<>();
            stages.put("decode", decodeNanos.sum() / 1e9);
            stages.put("detect", detectNanos.sum() / 1e9);
            stages.put("align", alignNanos.sum() / 1e9);
            stages.put("embed", embedNanos.sum() / 1e9);
            stages.put("embed_wall", embedWallNanos.sum() / 1e9);
            timing.put("stage_cpu_s", stages);
            timing.put("stage_cpu_note", "CPU time of the pipelines' own threads in each stage, summed over them (ONNX Runtime "
                    + "with one intra-op thread runs there); a run-folder embedder also computes on PyTorch's threads, so its "
                    + "embed_wall (wall time inside embed, summed) says more; process_cpu_s counts every thread. Embed includes "
                    + "the mirror image when flip fusion is on");
            return new PhotoEmbeddings(photos, rows, dim, modelId, outcome, timing);
        }
    }
}
