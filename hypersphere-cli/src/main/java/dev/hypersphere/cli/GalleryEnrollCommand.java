package dev.hypersphere.cli;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.search.gallery.Enrollment;
import dev.hypersphere.search.gallery.Gallery;
import dev.hypersphere.search.gallery.GalleryManifest;
import dev.hypersphere.search.gallery.GallerySnapshot;
import dev.hypersphere.search.index.HnswParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hypersphere gallery enroll}: adds photos of one person to a gallery (created on first use). */
@Command(name = "enroll",
        mixinStandardHelpOptions = true,
        description = {"Enrolls photos of one person: each photo's face is embedded, and the identity's template becomes "
                + "the normalised mean of all its embeddings (enrolling an existing id adds to it).",
                "Every photo must show a face: if one does not, nothing is enrolled. The gallery folder is created on first "
                + "use and remembers the model; another model is refused."})
final class GalleryEnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gallery", required = true, paramLabel = "DIR", description = "The gallery folder (created if absent or empty).")
    Path gallery;

    @Option(names = "--id", required = true, paramLabel = "NAME", description = "The person's id.")
    String id;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Photos of the person.")
    List<Path> images;

    @Mixin
    FacePipelineMixin face;

    @Option(names = "--hnsw-m", defaultValue = "16", paramLabel = "M",
            description = "HNSW links per node, fixed when the gallery is created (default ${DEFAULT-VALUE}).")
    int hnswM;

    @Option(names = "--hnsw-beam-width", defaultValue = "100", paramLabel = "N",
            description = "HNSW candidates kept while inserting, fixed when the gallery is created (default ${DEFAULT-VALUE}).")
    int hnswBeamWidth;

    @Option(names = "--hnsw-ef", defaultValue = "100", paramLabel = "N",
            description = "HNSW candidates kept while searching, the gallery's default (default ${DEFAULT-VALUE}).")
    int hnswEf;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Gallery.requireId(id);
        HnswParams hnsw = new HnswParams(hnswM, hnswBeamWidth, hnswEf);
        FacePipelineOptions options = face.options();
        if (options.policy() == MultiFacePolicy.ALL) {
            throw new IllegalArgumentException("--faces all cannot enroll: every face of a photo would join '" + id
                    + "'; use --faces largest or fail");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (FacePipeline pipeline = FacePipeline.open(options)) {
            if (Files.exists(gallery.resolve(GalleryManifest.FILE))) {
                Gallery.open(gallery).requireModel(pipeline.modelId(), pipeline.dim());   // before any embedding work
            }
            List<FaceAnalysis> analyses = FaceImages.analyze(pipeline, images, err);
            List<String> noFace = new ArrayList<>();
            List<float[]> embeddings = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (FaceAnalysis a : analyses) {
                if (a.faces().isEmpty()) {
                    noFace.add(a.image().toString());
                } else {
                    embeddings.add(a.faces().get(0).embedding());
                    sources.add(a.image().toString());
                }
            }
            if (!noFace.isEmpty()) {
                throw new IllegalArgumentException("no face found in " + String.join(", ", noFace) + ": nothing enrolled"
                        + " (enroll only photos that show the person's face)");
            }
            Gallery g = Gallery.openOrCreate(gallery, pipeline.modelId(), pipeline.dim(), hnsw);
            Gallery.WriteResult result = g.enroll(new Enrollment(id, embeddings, sources));
            int total;
            try (GallerySnapshot snapshot = g.snapshot()) {
                total = snapshot.identities().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().embeddings();
            }
            boolean created = !result.added().isEmpty();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("gallery", gallery.toString());
                out.put("id", id);
                out.put("new_identity", created);
                out.put("images_enrolled", embeddings.size());
                out.put("images_total", total);
                out.put("identities", result.identities());
                out.put("model_id", pipeline.modelId());
                spec.commandLine().getOut().println(Reports.toJson(out));
            } else {
                spec.commandLine().getOut().printf("enrolled %d image%s as '%s' (%s, %d in its template); gallery %s: %d identit%s%n",
                        embeddings.size(), embeddings.size() == 1 ? "" : "s", id, created ? "new identity" : "added to it", total,
                        gallery, result.identities(), result.identities() == 1 ? "y" : "ies");
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
