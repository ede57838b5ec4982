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
                + "use and remembers the model; another model is refused.",
                "Many people at once: --list FILE with one 'id<TAB>photo' line per photo (photos of one id are enrolled "
                + "together)."})
final class GalleryEnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gallery", required = true, paramLabel = "DIR", description = "The gallery folder (created if absent or empty).")
    Path gallery;

    @Option(names = "--id", paramLabel = "NAME", description = "The person's id.")
    String id;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Photos of the person.")
    List<Path> images;

    @Option(names = "--list", paramLabel = "FILE",
            description = "Enroll many people: lines 'id<TAB>photo' (instead of --id and IMAGE...; # starts a comment).")
    Path list;

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
        Map<String, List<Path>> people = people();
        HnswParams hnsw = new HnswParams(hnswM, hnswBeamWidth, hnswEf);
        FacePipelineOptions options = face.options();
        if (options.policy() == MultiFacePolicy.ALL) {
            throw new IllegalArgumentException("--faces all cannot enroll: every face of a photo would join one id; "
                    + "use --faces largest, central or fail");
        }
        if (list != null) {
            return enrollList(people, options, hnsw);
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

    /** The people to enroll: --id with its photos, or every id of --list with its photos in file order. */
    private Map<String, List<Path>> people() throws IOException {
        Map<String, List<Path>> people = new LinkedHashMap<>();
        if (list == null) {
            if (id == null || images == null || images.isEmpty()) {
                throw new IllegalArgumentException("give --id NAME and the person's photos, or --list FILE");
            }
            Gallery.requireId(id);
            people.put(id, images);
            return people;
        }
        if (id != null || (images != null && !images.isEmpty())) {
            throw new IllegalArgumentException("--list enrolls the people it names: do not add --id or photos");
        }
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException("--list: no such file: " + list);
        }
        List<String> lines = Files.readAllLines(list);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new IllegalArgumentException(list + " line " + (i + 1) + ": expected 'id<TAB>photo', got '" + line + "'");
            }
            Gallery.requireId(fields[0].strip());
            Path photo = Path.of(fields[1].strip());
            if (!photo.isAbsolute() && list.toAbsolutePath().getParent() != null && !Files.exists(photo)) {
                photo = list.toAbsolutePath().getParent().resolve(photo);   // relative to the list file
            }
            people.computeIfAbsent(fields[0].strip(), k -> new ArrayList<>()).add(photo);
        }
        if (people.isEmpty()) {
            throw new IllegalArgumentException(list + ": no 'id<TAB>photo' lines");
        }
        return people;
    }

    /** Every listed photo embedded first (a faceless one stops everything), then one enrollment per id. */
    private Integer enrollList(Map<String, List<Path>> people, FacePipelineOptions options, HnswParams hnsw) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try (FacePipeline pipeline = FacePipeline.open(options)) {
            if (Files.exists(gallery.resolve(GalleryManifest.FILE))) {
                Gallery.open(gallery).requireModel(pipeline.modelId(), pipeline.dim());
            }
            List<Path> all = people.values().stream().flatMap(List::stream).toList();
            List<FaceAnalysis> analyses = FaceImages.analyze(pipeline, all, err);
            List<String> noFace = analyses.stream().filter(a -> a.faces().isEmpty()).map(a -> a.image().toString()).toList();
            if (!noFace.isEmpty()) {
                throw new IllegalArgumentException("no face found in " + noFace.size() + " listed photo(s), e.g. "
                        + noFace.get(0) + ": nothing enrolled (list only photos that show the person's face)");
            }
            Gallery g = Gallery.openOrCreate(gallery, pipeline.modelId(), pipeline.dim(), hnsw);
            int k = 0;
            int identities = 0;
            List<Map<String, Object>> enrolled = new ArrayList<>();
            for (Map.Entry<String, List<Path>> person : people.entrySet()) {
                List<float[]> embeddings = new ArrayList<>();
                List<String> sources = new ArrayList<>();
                for (int i = 0; i < person.getValue().size(); i++, k++) {
                    embeddings.add(analyses.get(k).faces().get(0).embedding());
                    sources.add(analyses.get(k).image().toString());
                }
                Gallery.WriteResult result = g.enroll(new Enrollment(person.getKey(), embeddings, sources));
                identities = result.identities();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", person.getKey());
                entry.put("images_enrolled", embeddings.size());
                entry.put("new_identity", !result.added().isEmpty());
                enrolled.add(entry);
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("gallery", gallery.toString());
                out.put("enrolled", enrolled);
                out.put("images_enrolled", all.size());
                out.put("identities", identities);
                out.put("model_id", pipeline.modelId());
                spec.commandLine().getOut().println(Reports.toJson(out));
            } else {
                spec.commandLine().getOut().printf("enrolled %d photo%s of %d people from %s; gallery %s: %d identit%s%n",
                        all.size(), all.size() == 1 ? "" : "s", people.size(), list, gallery, identities,
                        identities == 1 ? "y" : "ies");
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
