package dev.hypersphere.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every {@code eval} subcommand takes for its output: where, under which model name, and HTML or not. */
final class EvalOutputOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Model name in the report and plots (default: the input file).")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.json and the plots.")
    Path out;

    @Option(names = "--html", description = "Also write report.html with the plots.")
    boolean html;

    /** The model name: the one given, else {@code fallback}. */
    String nameOr(String fallback) {
        return name != null ? name : fallback;
    }
}
