package dev.hypersphere.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.face.Face;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hypersphere face embed}: photos → detect → align → embed. Writes OUT (.npy, float32 N×d, one unit row per
 * face), OUT's {@code .tsv} rows file (label = the image's folder name, path; {@code path#K} for the K-th face with
 * {@code --faces all}) and OUT's {@code .json} (model id, options, the faces per image and the images without one).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed the faces in photos: writes OUT (.npy, N×d float32, L2-normalised, one row per face), "
                + "OUT's .tsv rows file (label = the image's folder, path) and .json (model id, detections, images without a face).")
final class FaceEmbedCommand implements Callable<Integer> {

    @Mixin
    FacePipelineMixin face;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files or folders (searched for images).")
    List<Path> arguments;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the embeddings.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out must end in .npy, got " + out);
        }
        FacePipelineOptions options = face.options();
        List<Path> images = FaceCommand.images(arguments);
        List<FaceAnalysis> results;
        int dim;
        String modelId;
        try (FacePipeline pipeline = FacePipeline.open(options);
             ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), "face embed", "image")) {
            results = pipeline.analyzeAll(images, done -> progress.update(done, images.size()));
            dim = pipeline.dim();
            modelId = pipeline.modelId();
        }
        int rows = 0;
        for (FaceAnalysis a : results) {
            rows += a.faces().size();
        }
        float[] values = new float[rows * dim];
        StringBuilder tsv = new StringBuilder();
        List<Map<String, Object>> entries = new ArrayList<>();
        List<String> without = new ArrayList<>();
        int row = 0;
        for (FaceAnalysis a : results) {
            Path parent = a.image().toAbsolutePath().normalize().getParent();
            String label = parent == null || parent.getFileName() == null ? "-" : parent.getFileName().toString();
            List<Map<String, Object>> faces = new ArrayList<>();
            for (int k = 0; k < a.faces().size(); k++) {
                Face f = a.faces().get(k);
                System.arraycopy(f.embedding(), 0, values, row * dim, dim);
                String path = a.image().toString() + (options.policy() == MultiFacePolicy.ALL ? "#" + k : "");
                tsv.append(label.replace('\t', ' ')).append('\t').append(path.replace('\t', ' ')).append('\n');
                Map<String, Object> m = FaceDetectCommand.face(f.detection(), null);
                m.put("row", row);
                faces.add(m);
                row++;
            }
            if (a.faces().isEmpty()) {
                without.add(a.image().toString());
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("image", a.image().toString());
            e.put("faces", faces);
            entries.add(e);
        }
        String base = out.getFileName().toString().replaceAll("\\.npy$", "");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model_id", modelId);
        doc.put("dim", dim);
        doc.put("detector", options.detector() == null ? null : options.detector().toString());
        doc.put("policy", options.policy().name().toLowerCase(Locale.ROOT));
        doc.put("score_threshold", options.scoreThreshold());
        doc.put("flip_fusion", options.flipFusion());
        doc.put("template", options.template());
        doc.put("rows", rows);
        doc.put("images_without_face", without);
        doc.put("images", entries);
        Npy.writeFloatMatrix(out, values, rows, dim);
        AtomicFiles.writeString(out.resolveSibling(base + ".tsv"), tsv.toString());
        AtomicFiles.writeString(out.resolveSibling(base + ".json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
        spec.commandLine().getOut().printf(Locale.ROOT, "%d face embeddings of dimension %d from %d images (%d without a face) -> %s (+ %s.tsv, %s.json)%n",
                rows, dim, images.size(), without.size(), out, base, base);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
