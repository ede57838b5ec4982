package dev.hypersphere.cli;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.search.gallery.Gallery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypersphere gallery remove}: deletes one identity. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes one identity from a gallery (atomically).")
final class GalleryRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gallery", required = true, paramLabel = "DIR", description = "The gallery folder.")
    Path gallery;

    @Option(names = "--id", required = true, paramLabel = "NAME", description = "The id to remove.")
    String id;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Gallery.WriteResult result = Gallery.open(gallery).remove(id);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("gallery", gallery.toString());
            out.put("removed", id);
            out.put("identities", result.identities());
            spec.commandLine().getOut().println(Reports.toJson(out));
        } else {
            spec.commandLine().getOut().printf("removed '%s'; gallery %s: %d identit%s%n", id, gallery, result.identities(),
                    result.identities() == 1 ? "y" : "ies");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
