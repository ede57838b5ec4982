package dev.hypersphere.data.recordio;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.ChannelConversion;
import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.ImageEncoder;
import dev.hypersphere.data.transform.Bilinear;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.validate.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Packs a labelled source into an insightface training pack, laid out as insightface's {@code face2rec2.py}
 * writes it: image records with keys 1..n (labels [class, 1] — the class and face2rec2's "aligned" mark — so flag
 * 2; id = key), grouped by class; then record 0 (flag 2, labels [n + 1, n + 1 + C]); then one record per identity
 * with keys n + 1 … n + C (flag 2, labels [first image key, end key)). Writes {@code PREFIX.rec}, {@code PREFIX.idx}, {@code property} ({@code C,height,width})
 * beside them, and {@code PREFIX.classes.tsv} (label, original class name), each atomically. Images are decoded,
 * brought to the requested channels (and size), and re-encoded, in parallel; records are written in order.
 */
public final class RecordIoPacker {

    /**
     * @param height, width the size to resize to, or 0 to keep the images' own (which must then all be the same)
     */
    public record Options(int channels, ImageEncoder.Encoding encoding, int quality, int height, int width,
                          BadImagePolicy onBadImage, int threads) {
        public Options {
            ChannelConversion.requireChannels("channels", channels);
            Inputs.requireInRange("quality", quality, 1, 100, "JPEG quality");
            if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
                throw new IllegalArgumentException("size must be two positive numbers (height, width), or 0 for the images' own, got "
                        + height + "×" + width);
            }
            Inputs.requireAtLeast("threads", threads, 1);
        }

        /** RGB JPEG at quality 95 (insightface's defaults), own size, failing on bad images. */
        public static Options defaults() {
            return new Options(3, ImageEncoder.Encoding.JPEG, 95, 0, 0, BadImagePolicy.FAIL,
                    Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        public Options withChannels(int c) {
            return new Options(c, encoding, quality, height, width, onBadImage, threads);
        }

        public Options withQuality(int q) {
            return new Options(channels, encoding, q, height, width, onBadImage, threads);
        }

        public Options withEncoding(ImageEncoder.Encoding e) {
            return new Options(channels, e, quality, height, width, onBadImage, threads);
        }

        public Options withSize(int h, int w) {
            return new Options(channels, encoding, quality, h, w, onBadImage, threads);
        }

        public Options withPolicy(BadImagePolicy p) {
            return new Options(channels, encoding, quality, height, width, p, threads);
        }

        public Options withThreads(int t) {
            return new Options(channels, encoding, quality, height, width, onBadImage, t);
        }
    }

    /** What a pack holds. */
    public record Result(Path rec, Path idx, Path property, Path classes, int images, int numClasses, int height, int width,
                         List<String> skipped, long recBytes) {}

    /** Told after each image (done of total, skipped ones included). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    private static final int CHUNK = 256;

    private RecordIoPacker() {}

    /** The paths a pack at {@code prefix} writes: PREFIX.rec, PREFIX.idx, property, PREFIX.classes.tsv. */
    public static Path[] outputs(Path prefix) {
        Path absolute = prefix.toAbsolutePath();
        String stem = absolute.getFileName().toString();
        return new Path[] {absolute.resolveSibling(stem + ".rec"), absolute.resolveSibling(stem + ".idx"),
                absolute.resolveSibling("property"), absolute.resolveSibling(stem + ".classes.tsv")};
    }

    public static Result pack(SampleSource source, Path prefix, Options options, Progress progress) throws IOException {
        Path[] out = outputs(prefix);
        if (source.size() == 0) {
            throw new IllegalArgumentException("nothing to pack: the source holds no images");
        }
        // Group by class (stable: order within a class kept), as the identity records need contiguous key ranges.
        int[] order = IntStream.range(0, source.size()).boxed()
                .sorted(Comparator.comparingInt(source::label)).mapToInt(Integer::intValue).toArray();
        Map<Long, Long> index = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        List<long[]> identityRanges = new ArrayList<>();
        int[] size = {options.height(), options.width()};
        List<Future<Encoded>> inFlight = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "hypersphere-pack");
            thread.setDaemon(true);
            return thread;
        });
        try {
            AtomicFiles.write(out[0], stream -> {
                RecordIoWriter writer = new RecordIoWriter(stream);
                long key = 1;
                int lastSourceLabel = -1;
                for (int from = 0; from < order.length; from += CHUNK) {
                    List<Future<Encoded>> encoded = inFlight;
                    encoded.clear();
                    int to = Math.min(order.length, from + CHUNK);
                    for (int i = from; i < to; i++) {
                        int sample = order[i];
                        encoded.add(pool.submit(() -> encode(source.get(sample), options)));
                    }
                    for (int i = from; i < to; i++) {
                        int sample = order[i];
                        byte[] image;
                        try {
                            image = await(encoded.get(i - from), size);
                        } catch (IOException e) {
                            if (options.onBadImage() == BadImagePolicy.FAIL) {
                                throw e;
                            }
                            skipped.add(e.getMessage());
                            progress.update(i + 1, order.length);
                            continue;
                        }
                        int sourceLabel = source.label(sample);
                        if (sourceLabel != lastSourceLabel) {
                            if (!identityRanges.isEmpty()) {
                                identityRanges.get(identityRanges.size() - 1)[1] = key;
                            }
                            identityRanges.add(new long[] {key, key});
                            classNames.add(source.classNames().get(sourceLabel));
                            lastSourceLabel = sourceLabel;
                        }
                        int label = classNames.size() - 1;   // consecutive even when a class lost all its images
                        // face2rec2 labels an image [class, aligned = 1]: flag 2, as mx.recordio.pack writes a label list.
                        index.put(key, writer.write(ImageRecord.vector(new float[] {label, 1f}, key, 0, image).encode()));
                        key++;
                        progress.update(i + 1, order.length);
                    }
                }
                if (identityRanges.isEmpty()) {
                    throw new IllegalArgumentException("nothing to pack: all " + order.length + " images were skipped as unreadable");
                }
                identityRanges.get(identityRanges.size() - 1)[1] = key;
                long imageEnd = key;
                long identityEnd = imageEnd + identityRanges.size();
                index.put(0L, writer.write(ImageRecord.vector(new float[] {imageEnd, identityEnd}, 0, 0, new byte[0]).encode()));
                for (long[] range : identityRanges) {
                    index.put(key, writer.write(ImageRecord.vector(new float[] {range[0], range[1]}, key, 0, new byte[0]).encode()));
                    key++;
                }
            });
        } finally {
            // Never interrupt the workers: an interrupt during a read closes a source's shared FileChannel.
            inFlight.forEach(f -> f.cancel(false));
            pool.shutdown();
        }
        AtomicFiles.writeString(out[1], RecordIoIndex.format(index));
        AtomicFiles.writeString(out[2], new RecordIoProperty(classNames.size(), size[0], size[1]).format());
        StringBuilder classes = new StringBuilder();
        for (int i = 0; i < classNames.size(); i++) {
            classes.append(i).append('\t').append(classNames.get(i)).append('\n');
        }
        AtomicFiles.writeString(out[3], classes.toString());
        int images = index.size() - 1 - classNames.size();
        return new Result(out[0], out[1], out[2], out[3], images, classNames.size(), size[0], size[1], List.copyOf(skipped),
                Files.size(out[0]));
    }

    /** An encoded image with its size and origin. */
    private record Encoded(byte[] bytes, int height, int width, String source) {}

    /** Decoded sample → requested channels and size → encoded bytes (run on a pool thread). */
    private static Encoded encode(Sample sample, Options options) {
        DecodedImage image = new DecodedImage(sample.pixels(), sample.channels(), sample.height(), sample.width())
                .withChannels(options.channels());
        if (options.height() > 0 && (image.height() != options.height() || image.width() != options.width())) {
            image = new DecodedImage(Bilinear.resize(image.pixels(), image.channels(), image.height(), image.width(),
                    options.height(), options.width()), image.channels(), options.height(), options.width());
        }
        return new Encoded(ImageEncoder.encode(image, options.encoding(), options.quality()), image.height(), image.width(),
                sample.source());
    }

    private static byte[] await(Future<Encoded> future, int[] size) throws IOException {
        Encoded encoded;
        try {
            encoded = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("packing interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
        if (size[0] == 0) {
            size[0] = encoded.height();
            size[1] = encoded.width();
        } else if (size[0] != encoded.height() || size[1] != encoded.width()) {
            throw new IllegalArgumentException(encoded.source() + " is " + encoded.height() + "×" + encoded.width()
                    + " (height×width) but the images before it are " + size[0] + "×" + size[1]
                    + ": a pack holds one size, so give one to resize to");
        }
        return encoded.bytes();
    }
}
