package dev.hypersphere.cli;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.face.Face;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.search.calibrate.ModelCalibration;
import dev.hypersphere.search.calibrate.OperatingThreshold;
import dev.hypersphere.search.gallery.Gallery;
import dev.hypersphere.search.gallery.GallerySnapshot;
import dev.hypersphere.search.index.Hit;
import dev.hypersphere.search.index.IndexChoice;
import dev.hypersphere.search.index.VectorIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hypersphere identify}: who, of a gallery, is in a photo. */
@Command(name = "identify",
        mixinStandardHelpOptions = true,
        description = {"Searches a gallery for the face in each photo: the top-k identities by cosine similarity, and a "
                + "decision: the best identity if its score reaches the calibrated threshold, else 'unknown'.",
                "The threshold is the gallery's calibration, else the model's (hypersphere calibrate), else an "
                + "uncalibrated default of " + OperatingThreshold.DEFAULT_THRESHOLD + "; the output says which and the FAR "
                + "it was calibrated for. A photo without a face gives 'no face found'."})
final class IdentifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gallery", required = true, paramLabel = "DIR", description = "The gallery folder.")
    Path gallery;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Photos to identify.")
    List<Path> images;

    @Mixin
    FacePipelineMixin face;

    @Option(names = "--top-k", defaultValue = "5", paramLabel = "K", description = "Identities listed per face (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--index", defaultValue = "auto", paramLabel = "KIND",
            description = "exact, hnsw, or auto: exact below " + IndexChoice.HNSW_FROM + " identities, HNSW from there (default ${DEFAULT-VALUE}).")
    String index;

    @Option(names = "--hnsw-ef", paramLabel = "N", description = "HNSW search candidates (default: the gallery's).")
    Integer hnswEf;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
        }
        if (hnswEf != null && hnswEf < 1) {
            throw new IllegalArgumentException("--hnsw-ef must be at least 1, got " + hnswEf);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (FacePipeline pipeline = FacePipeline.open(face.options())) {
            Gallery g = Gallery.open(gallery);
            g.requireModel(pipeline.modelId(), pipeline.dim());
            try (GallerySnapshot snapshot = g.snapshot()) {
                IndexChoice choice = IndexChoice.resolve(index, snapshot.size());
                VectorIndex searcher = hnswEf != null && choice.kind() == dev.hypersphere.search.index.IndexKind.HNSW
                        ? snapshot.hnsw(hnswEf) : snapshot.index(choice.kind());
                OperatingThreshold threshold = OperatingThreshold.choose(snapshot.manifest().calibration(), "gallery " + gallery,
                        ModelCalibration.read(face.options().embedder(), pipeline.modelId()),
                        ModelCalibration.fileFor(face.options().embedder()).toString());
                List<Map<String, Object>> results = new ArrayList<>();
                if (!json) {
                    out.printf(Locale.ROOT, "gallery %s: %d identities; index %s (%s)%n", gallery, snapshot.size(),
                            choice.kind().cliName(), choice.reason());
                    out.println("threshold: " + threshold.describe());
                }
                for (FaceAnalysis analysis : FaceImages.analyze(pipeline, images, spec.commandLine().getErr())) {
                    results.add(identify(analysis, searcher, threshold, out));
                }
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("gallery", gallery.toString());
                    doc.put("identities", snapshot.size());
                    doc.put("model_id", pipeline.modelId());
                    doc.put("index", Map.of("kind", choice.kind().cliName(), "reason", choice.reason()));
                    doc.put("threshold", threshold.toJson());
                    doc.put("results", results);
                    out.println(Reports.toJson(doc));
                }
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> identify(FaceAnalysis analysis, VectorIndex searcher, OperatingThreshold threshold, PrintWriter out)
            throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("image", analysis.image().toString());
        result.put("face_found", !analysis.faces().isEmpty());
        if (analysis.faces().isEmpty()) {
            result.put("message", FaceImages.noFace(analysis.image()));
            if (!json) {
                out.println(analysis.image() + ": " + FaceImages.noFace(analysis.image()));
            }
            return result;
        }
        List<Map<String, Object>> faces = new ArrayList<>();
        for (Face f : analysis.faces()) {
            List<Hit> hits = searcher.search(f.embedding(), topK);
            Hit best = hits.isEmpty() ? null : hits.get(0);
            boolean known = best != null && threshold.accepts(best.cosine());
            String decision = known ? best.id() : "unknown";
            Map<String, Object> fj = FaceImages.faceJson(f);
            fj.put("decision", decision);
            fj.put("best_cosine", best == null ? null : (double) best.cosine());
            List<Map<String, Object>> top = new ArrayList<>();
            for (Hit h : hits) {
                Map<String, Object> hj = new LinkedHashMap<>();
                hj.put("id", h.id());
                hj.put("cosine", (double) h.cosine());
                top.add(hj);
            }
            fj.put("top_k", top);
            faces.add(fj);
            if (!json) {
                String where = analysis.faces().size() > 1 ? " (" + FaceImages.box(f) + ")" : "";
                out.printf(Locale.ROOT, "%s%s: %s%s%n", analysis.image(), where, decision,
                        best == null ? " (empty gallery)" : String.format(Locale.ROOT, " (best %s, cosine %.4f %s threshold %.4f)",
                                best.id(), best.cosine(), known ? ">=" : "<", threshold.threshold()));
                for (int i = 0; i < hits.size(); i++) {
                    out.printf(Locale.ROOT, "  %d. %-20s %.4f%n", i + 1, hits.get(i).id(), hits.get(i).cosine());
                }
            }
        }
        result.put("faces", faces);
        return result;
    }
}
