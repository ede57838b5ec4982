package dev.hypersphere.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.face.align.FaceAligner;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.detect.YuNetDetector;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hypersphere face detect}: boxes, scores and the five landmarks of every face in each image, as a table or
 * JSON; with {@code --out} also the aligned crops (PNG) and {@code detections.json}.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Find faces (box, score, 5 landmarks) with YuNet. --json prints JSON; --out DIR also writes each "
                + "face aligned to the template as DIR/STEM.faceK.png and DIR/detections.json.")
final class FaceDetectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files or folders (searched for images).")
    List<Path> arguments;

    @Option(names = "--detector", paramLabel = "PATH",
            description = "YuNet model (.onnx). Default: $" + FacePipelineMixin.DETECTOR_SETTING + ".")
    Path detector;

    @Option(names = "--score-threshold", defaultValue = "0.6", paramLabel = "S", description = "Minimum score (default ${DEFAULT-VALUE}).")
    float scoreThreshold;

    @Option(names = "--template", defaultValue = "arcface-112x112", paramLabel = "NAME",
            description = "Template of the aligned crops: arcface-112x112 or sphereface-112x96 (default ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the aligned crops (PNG) and detections.json here.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path model = detector != null ? detector : envDetector();
        FaceTemplate crop = FaceTemplate.parse(template);
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("--score-threshold must be in [0, 1], got " + scoreThreshold);
        }
        List<Path> images = FaceCommand.images(arguments);
        List<String> stems = FaceCommand.stems(images);
        PrintWriter stdout = spec.commandLine().getOut();
        List<Map<String, Object>> entries = new ArrayList<>();
        if (out != null) {
            Files.createDirectories(out);
        }
        try (YuNetDetector yunet = YuNetDetector.open(model);
             ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), "detect", "image")) {
            for (int i = 0; i < images.size(); i++) {
                RgbImage image = RgbImage.read(images.get(i));
                List<DetectedFace> faces = yunet.detect(image, scoreThreshold);
                List<String> crops = new ArrayList<>();
                if (out != null) {
                    for (int k = 0; k < faces.size(); k++) {
                        Path file = out.resolve(stems.get(i) + ".face" + k + ".png");
                        FaceAligner.align(image, faces.get(k).landmarks(), crop).writePng(file);
                        crops.add(file.getFileName().toString());
                    }
                }
                entries.add(entry(images.get(i), image, faces, crops));
                if (!json) {
                    printTable(stdout, images.get(i), faces);
                }
                if (images.size() > 1) {
                    progress.update(i + 1, images.size());
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("detector", model.toString());
        doc.put("score_threshold", scoreThreshold);
        if (out != null) {
            doc.put("template", crop.id());
        }
        doc.put("images", entries);
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        if (json) {
            stdout.println(text);
        }
        if (out != null) {
            AtomicFiles.writeString(out.resolve("detections.json"), text + "\n");
            if (!json) {
                stdout.println("aligned crops and detections.json -> " + out);
            }
        }
        stdout.flush();
        return 0;
    }

    static Path envDetector() {
        String configured = System.getenv(FacePipelineMixin.DETECTOR_SETTING);
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("no detector: pass --detector PATH (a YuNet .onnx) or set $" + FacePipelineMixin.DETECTOR_SETTING);
        }
        return Path.of(configured);
    }

    private static Map<String, Object> entry(Path file, RgbImage image, List<DetectedFace> faces, List<String> crops) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("image", file.toString());
        e.put("width", image.width());
        e.put("height", image.height());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int k = 0; k < faces.size(); k++) {
            list.add(face(faces.get(k), k < crops.size() ? crops.get(k) : null));
        }
        e.put("faces", list);
        return e;
    }

    /** One face as JSON: box [x, y, w, h], score, landmarks as [x, y] pairs named in YuNet's order. */
    static Map<String, Object> face(DetectedFace f, String crop) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", new float[] {f.x(), f.y(), f.width(), f.height()});
        m.put("score", f.score());
        if (f.hasLandmarks()) {
            Map<String, float[]> points = new LinkedHashMap<>();
            String[] names = {"right_eye", "left_eye", "nose", "right_mouth", "left_mouth"};
            for (int k = 0; k < 5; k++) {
                points.put(names[k], new float[] {f.landmarks()[2 * k], f.landmarks()[2 * k + 1]});
            }
            m.put("landmarks", points);
        }
        if (crop != null) {
            m.put("crop", crop);
        }
        return m;
    }

    private static void printTable(PrintWriter out, Path file, List<DetectedFace> faces) {
        out.printf(Locale.ROOT, "%s: %d face%s%n", file, faces.size(), faces.size() == 1 ? "" : "s");
        for (DetectedFace f : faces) {
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < 5; k++) {
                points.append(String.format(Locale.ROOT, " (%.1f, %.1f)", f.landmarks()[2 * k], f.landmarks()[2 * k + 1]));
            }
            out.printf(Locale.ROOT, "  score %.3f  box x %.1f y %.1f w %.1f h %.1f  landmarks%s%n", f.score(), f.x(), f.y(),
                    f.width(), f.height(), points);
        }
    }
}
