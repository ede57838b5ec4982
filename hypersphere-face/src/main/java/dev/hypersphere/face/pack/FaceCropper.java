package dev.hypersphere.face.pack;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.image.ImageDecoder;
import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.FaceChoice;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.face.align.FaceAligner;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.detect.YuNetDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Detect → choose → align every photo of a labelled image set, in parallel: one worker per thread, each with its
 * own YuNet session on one ONNX Runtime thread (two sessions on one thread each outrun one session on two for
 * images this small). Results come back in the source's order whatever the thread count, so a pack is deterministic.
 */
public final class FaceCropper {

    private FaceCropper() {}

    /**
     * @param progress told the number of photos done (from worker threads; may be null)
     */
    public static List<CroppedPhoto> crop(EncodedImageSource source, FacePackOptions options, IntConsumer progress)
            throws IOException {
        int n = source.size();
        CroppedPhoto[] results = new CroppedPhoto[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        FaceTemplate template = FaceTemplate.parse(options.template());
        int workers = Math.min(options.threads(), Math.max(1, n));
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "hypersphere-face-pack");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    try (YuNetDetector detector = YuNetDetector.open(options.detector(),
                            YuNetDetector.Options.defaults().withThreads(1))) {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            results[i] = cropOne(source, i, detector, template, options);
                            int finished = done.incrementAndGet();
                            if (progress != null) {
                                progress.accept(finished);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                await(future);
            }
        } finally {
            next.set(n);   // stop the other workers after a failure
            pool.shutdown();
        }
        return Arrays.asList(results);
    }

    private static void await(Future<?> future) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while packing faces", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One photo: its outcome, the chosen face and the crop. */
    static CroppedPhoto cropOne(EncodedImageSource source, int index, YuNetDetector detector, FaceTemplate template,
            FacePackOptions options) throws IOException {
        String name = source.name(index);
        int label = source.label(index);
        RgbImage photo;
        try {
            DecodedImage decoded = ImageDecoder.decodeNativeAtMost(source.encoded(index), options.maxSide(), name);
            photo = RgbImage.of(decoded);
        } catch (MalformedDataException e) {
            return new CroppedPhoto(name, label, PackOutcome.UNDECODABLE, e.getMessage(), 0, 0, 0, null, null);
        }
        List<DetectedFace> found = detector.detect(photo, options.scoreThreshold());
        if (found.isEmpty()) {
            return new CroppedPhoto(name, label, PackOutcome.NO_FACE, "no face scoring ≥ " + options.scoreThreshold(), 0,
                    photo.width(), photo.height(), null, null);
        }
        List<DetectedFace> chosen;
        try {
            chosen = FaceChoice.choose(found, options.policy(), photo.width(), photo.height(), name);
        } catch (IllegalArgumentException e) {
            return new CroppedPhoto(name, label, PackOutcome.SEVERAL_FACES, found.size() + " faces", found.size(),
                    photo.width(), photo.height(), null, null);
        }
        DetectedFace face = chosen.get(0);
        float side = Math.min(face.width(), face.height());
        if (side < options.minFaceSize()) {
            return new CroppedPhoto(name, label, PackOutcome.TOO_SMALL, String.format(Locale.ROOT,
                    "face %.1f px, below %d", side, options.minFaceSize()), found.size(), photo.width(), photo.height(), face, null);
        }
        float[] aligned = FaceAligner.align(photo, face.landmarks(), template, options.height(), options.width());
        return new CroppedPhoto(name, label, PackOutcome.PACKED, "", found.size(), photo.width(), photo.height(), face,
                toBytes(aligned));
    }

    /** Rounded and clamped to 0..255, as an image file would hold them. */
    static byte[] toBytes(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
        return out;
    }
}
