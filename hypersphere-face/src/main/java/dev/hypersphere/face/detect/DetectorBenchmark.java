package dev.hypersphere.face.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.transform.Bilinear;
import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * YuNet's latency on a 640×480 photo (an ORL face pasted on a gradient), single-threaded and with ONNX Runtime's
 * default threads (the ratio is the speed-up), for both shipped models; and how many of ORL's 400 images YuNet finds
 * a face in: as they are (92×112, tight crops), centred on a canvas three times their size, and enlarged twice
 * on that canvas. Prints a table and JSON. The machine's other load shows in the latencies: compare the two
 * columns of one run, not runs on different days.
 *
 * <pre>java -cp ... dev.hypersphere.face.detect.DetectorBenchmark [REPEATS]</pre>
 * Needs the shared data and models ({@code HYPERSPHERE_DATA}, {@code HYPERSPHERE_MODELS}).
 */
public final class DetectorBenchmark {

    private DetectorBenchmark() {}

    public static void main(String[] args) throws IOException {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path orl = SharedData.resolve("orl").orElseThrow(() -> new IOException(SharedData.missing("orl")));
        Path models = SharedData.model("yunet").orElseThrow(() -> new IOException("no models folder with yunet/ (set "
                + SharedData.MODELS_SETTING + ")"));
        RgbImage face = RgbImage.read(orl.resolve("s1/1.pgm"));
        RgbImage scene = onCanvas(face, 2.0, 640, 480, 200, 100);
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> latency = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "YuNet latency on one 640×480 image (%d runs after 5 warm-up; %d cores)%n", repeats,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-24s %12s %12s %8s%n", "model", "1 thread ms", "default ms", "speed-up");
        for (String file : List.of("yunet_s_dynamic.onnx", "yunet_s_640_640.onnx")) {
            double single = medianMillis(models.resolve(file), 1, scene, repeats);
            double standard = medianMillis(models.resolve(file), 0, scene, repeats);
            System.out.printf(Locale.ROOT, "%-24s %12.2f %12.2f %7.2fx%n", file, single, standard, single / standard);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("single_thread_ms", single);
            entry.put("default_threads_ms", standard);
            entry.put("speedup", single / standard);
            latency.put(file, entry);
        }
        doc.put("latency_640x480_median", latency);

        List<RgbImage> images = new ArrayList<>();
        for (int s = 1; s <= 40; s++) {
            for (int i = 1; i <= 10; i++) {
                images.add(RgbImage.read(orl.resolve("s" + s).resolve(i + ".pgm")));
            }
        }
        Map<String, Object> coverage = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%nORL images (of %d) with a face found, score ≥ 0.6 (≥ 0.3)%n", images.size());
        for (String file : List.of("yunet_s_dynamic.onnx", "yunet_s_640_640.onnx")) {
            try (YuNetDetector detector = YuNetDetector.open(models.resolve(file), YuNetDetector.Options.defaults())) {
                Map<String, Object> counts = new LinkedHashMap<>();
                for (String how : List.of("as is (92x112)", "centred on a 276x336 canvas", "2x on a 276x336 canvas")) {
                    int found = 0;
                    int foundLow = 0;
                    for (RgbImage image : images) {
                        RgbImage input = switch (how) {
                            case "as is (92x112)" -> image;
                            case "centred on a 276x336 canvas" -> onCanvas(image, 1.0, 276, 336, 92, 112);
                            default -> onCanvas(image, 2.0, 276, 336, 46, 56);
                        };
                        List<DetectedFace> faces = detector.detect(input, 0.3f);
                        foundLow += faces.isEmpty() ? 0 : 1;
                        found += faces.stream().anyMatch(f -> f.score() >= 0.6f) ? 1 : 0;
                    }
                    System.out.printf(Locale.ROOT, "%-24s %-30s %4d (%d)%n", file, how, found, foundLow);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("score_0.6", found);
                    entry.put("score_0.3", foundLow);
                    counts.put(how, entry);
                }
                coverage.put(file, counts);
            }
        }
        doc.put("orl_400_found", coverage);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }

    private static double medianMillis(Path model, int threads, RgbImage scene, int repeats) throws IOException {
        try (YuNetDetector detector = YuNetDetector.open(model, YuNetDetector.Options.defaults().withThreads(threads))) {
            for (int i = 0; i < 5; i++) {
                detector.detect(scene, 0.6f);
            }
            double[] times = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                if (detector.detect(scene, 0.6f).isEmpty()) {
                    throw new IllegalStateException("the benchmark scene's face was not found");
                }
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            return times[repeats / 2];
        }
    }

    /** {@code image} scaled and pasted at (x, y) on a canvas of its mean grey (so that it adds no edge of its own). */
    static RgbImage onCanvas(RgbImage image, double scale, int width, int height, int x, int y) {
        int w = (int) Math.round(image.width() * scale);
        int h = (int) Math.round(image.height() * scale);
        float[] scaled = scale == 1.0 ? image.planes() : Bilinear.resize(image.planes(), 3, image.height(), image.width(), h, w);
        float mean = 0;
        for (float v : image.planes()) {
            mean += v;
        }
        mean /= image.planes().length;
        float[] planes = new float[3 * width * height];
        Arrays.fill(planes, mean);
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(scaled, (c * h + row) * w, planes, (c * height + y + row) * width + x, w);
            }
        }
        return new RgbImage(width, height, planes);
    }

}
