package dev.hypersphere.data.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.Batch;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.loader.BatchLoader;
import dev.hypersphere.data.loader.LoaderOptions;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Input-pipeline throughput: decoded and augmented images per second through {@link BatchLoader}, for CIFAR-10
 * JPEGs (32×32, from the tar, if the shared data is present) and synthetic faces (32×32 grey and 112×112 RGB),
 * with 1 and 2 loader threads. Prints a table and then the same as JSON. Not a test: run it by hand,
 * {@code java -cp … dev.hypersphere.data.bench.InputPipelineBenchmark [images-per-case]}.
 */
public final class InputPipelineBenchmark {

    private InputPipelineBenchmark() {}

    public static void main(String[] args) throws IOException {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        List<Map<String, Object>> rows = new ArrayList<>();
        Preprocessing augment = Preprocessing.insightface(3, 32, 32)
                .withCrop(new Preprocessing.Crop(0.5, 1, 0.75, 1.33)).withJitter(new Preprocessing.Jitter(0.2, 0.2, 0.2));
        Path cifar = SharedData.resolve("cifar10-jpeg.tar.gz").orElse(null);
        if (cifar != null) {
            long t = System.nanoTime();
            ImageArchiveSource train = ImageArchiveSource.open(cifar, "train/", ImageOptions.rgb());
            System.out.printf(Locale.ROOT, "read %s (train/, %d JPEGs) into memory in %.1f s%n", cifar.getFileName(), train.size(),
                    (System.nanoTime() - t) / 1e9);
            for (int threads : new int[] {1, 2}) {
                rows.add(measure("cifar10 JPEG 32x32 RGB, crop+flip+jitter", train, augment, threads, images));
            }
        } else {
            System.out.println(SharedData.missing("cifar10-jpeg.tar.gz") + ": CIFAR-10 skipped");
        }
        SyntheticFaces small = new SyntheticFaces(500, 20, 1, 32, 32, 42);
        SyntheticFaces large = new SyntheticFaces(500, 20, 3, 112, 112, 42);
        for (int threads : new int[] {1, 2}) {
            rows.add(measure("synthetic 32x32 grey, flip", small, Preprocessing.insightface(1, 32, 32), threads, images));
        }
        for (int threads : new int[] {1, 2}) {
            rows.add(measure("synthetic 112x112 RGB, flip", large, Preprocessing.insightface(3, 112, 112), threads, images / 4));
        }
        System.out.printf(Locale.ROOT, "%n%-45s %7s %8s %10s%n", "case", "threads", "images", "images/s");
        for (Map<String, Object> row : rows) {
            System.out.printf(Locale.ROOT, "%-45s %7d %8d %10.0f%n", row.get("case"), row.get("threads"), row.get("images"),
                    row.get("images_per_second"));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("processors", Runtime.getRuntime().availableProcessors());
        doc.put("java", Runtime.version().toString());
        doc.put("results", rows);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }

    /** Loads about {@code images} images (a warm-up epoch part first), batches of 128, prefetch 2 per thread. */
    private static Map<String, Object> measure(String name, SampleSource source, Preprocessing preprocessing, int threads, int images)
            throws IOException {
        int batch = 128;
        LoaderOptions options = LoaderOptions.training(batch, threads, 7);
        try (BatchLoader loader = new BatchLoader(source, Pipeline.training(preprocessing, 3), options)) {
            run(loader, 0, Math.max(1, images / batch / 4));   // warm-up: JIT, caches
            long start = System.nanoTime();
            int done = run(loader, 1, Math.max(1, images / batch));
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", name);
            row.put("threads", threads);
            row.put("images", done);
            row.put("seconds", seconds);
            row.put("images_per_second", done / seconds);
            System.out.printf(Locale.ROOT, "%-45s threads %d: %6.0f images/s%n", name, threads, done / seconds);
            return row;
        }
    }

    private static int run(BatchLoader loader, int epoch, int batches) throws IOException {
        int done = 0;
        try (BatchLoader.Epoch e = loader.epoch(epoch)) {
            for (int b = 0; b < batches && e.hasNext(); b++) {
                Batch batch = e.nextBatch();
                done += batch.size();
            }
        }
        return done;
    }
}
