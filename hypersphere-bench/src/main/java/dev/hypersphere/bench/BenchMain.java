package dev.hypersphere.bench;

import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs one benchmark without the CLI: {@code java -cp … dev.hypersphere.bench.BenchMain NAME [--quick] [--only WORD,…] [--json FILE]}
 * (the {@code hypersphere bench} command does the same).
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BenchMain NAME [--quick] [--json FILE]; NAME: " + String.join(", ", Benchmarks.names()));
            System.exit(2);
        }
        boolean quick = false;
        Path json = null;
        java.util.List<String> only = java.util.List.of();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--only") && i + 1 < args.length) {
                only = java.util.List.of(args[++i].split(","));
            } else if (args[i].equals("--json") && i + 1 < args.length) {
                json = Path.of(args[++i]);
            } else {
                System.err.println("unknown argument " + args[i]);
                System.exit(2);
            }
        }
        BenchReport report = Benchmarks.run(args[0], BenchSettings.defaults(quick, "BenchMain " + String.join(" ", args),
                new java.io.PrintWriter(System.err, true)).withOnly(only));
        System.out.print(report.toText());
        if (json != null) {
            AtomicFiles.writeString(json, report.toJson());
        }
    }
}
