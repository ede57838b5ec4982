package dev.hypersphere.cli;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.search.gallery.Gallery;
import dev.hypersphere.search.gallery.GalleryManifest;
import dev.hypersphere.search.gallery.GallerySnapshot;
import dev.hypersphere.search.gallery.Identity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypersphere gallery list}: what a gallery holds. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists a gallery's identities (id, images in the template, their files), its model and calibration.")
final class GalleryListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gallery", required = true, paramLabel = "DIR", description = "The gallery folder.")
    Path gallery;

    @Option(names = "--json", description = "Print the listing as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (GallerySnapshot snapshot = Gallery.open(gallery).snapshot()) {
            GalleryManifest m = snapshot.manifest();
            List<Identity> identities = snapshot.identities();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("gallery", gallery.toString());
                doc.put("manifest", m.toJson());
                List<Map<String, Object>> ids = new ArrayList<>();
                for (Identity i : identities) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", i.id());
                    row.put("images", i.embeddings());
                    row.put("sources", i.sources());
                    ids.add(row);
                }
                doc.put("identities", ids);
                out.println(Reports.toJson(doc));
            } else {
                out.printf("gallery %s: %d identit%s, %d images; model %s (dim %d); updated %s%n", gallery, identities.size(),
                        identities.size() == 1 ? "y" : "ies", m.embeddings(), m.modelId(), m.dim(), m.updated());
                out.println("threshold: " + (m.calibration() == null ? "not calibrated for this gallery" : m.calibration().describe()));
                int width = Math.max(2, identities.stream().mapToInt(i -> i.id().length()).max().orElse(2));
                for (Identity i : identities) {
                    out.printf("  %-" + width + "s  %3d  %s%n", i.id(), i.embeddings(), String.join(" ", i.sources()));
                }
            }
        }
        out.flush();
        return 0;
    }
}
