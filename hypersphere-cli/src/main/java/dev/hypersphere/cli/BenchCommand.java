package dev.hypersphere.cli;

import dev.hypersphere.bench.BenchReport;
import dev.hypersphere.bench.BenchSettings;
import dev.hypersphere.bench.Benchmarks;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hypersphere bench NAME}: runs one benchmark against its baseline in the same invocation and prints both
 * figures, their ratio against the target, the machine and the repetitions; {@code --json} keeps the same as JSON.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Run a benchmark and print our figure, the baseline's, their ratio and the target, with the machine "
                + "(cores, CPU, JDK, threads, load average before/after) and the repetitions (median and spread).",
            "Benchmarks: train-step (vs PyTorch eager), head-overhead (vs softmax), input-pipeline (loader vs model), "
                + "eval (verification; search vs FAISS), memory (RSS at 1k vs 10k steps).",
            "Baselines run /usr/bin/python3 scripts from the repository's tools/ (HYPERSPHERE_TOOLS, HYPERSPHERE_PYTHON); "
                + "they apt-get Debian's python3-torch / python3-faiss when missing."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "train-step, head-overhead, input-pipeline, eval or memory.")
    String name;

    @Option(names = "--quick", description = "Tiny sizes, well under a minute: checks that it runs, not a measurement.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE (atomically).")
    Path json;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for our engine and for the baseline (default: all cores).")
    Integer threads;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "3",
            description = "Timed repetitions, at least 3 (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--only", paramLabel = "WORD", split = ",",
            description = "Run only the cases whose names contain one of these words (e.g. --only mobilefacenet,smallnet).")
    List<String> only = new ArrayList<>();

    @Option(names = "--no-install", description = "Do not let the baseline scripts apt-get missing Debian packages.")
    boolean noInstall;

    @Override
    public Integer call() throws IOException {
        Benchmarks.byName(name);   // an unknown name fails before anything runs
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (repetitions < 3) {
            throw new IllegalArgumentException("--reps must be >= 3 (a median and a spread need three), got " + repetitions);
        }
        BenchSettings settings = BenchSettings.defaults(quick, commandLine(), err).withRepetitions(repetitions)
                .withAllowInstall(!noInstall).withOnly(only);
        if (threads != null) {
            settings = settings.withThreads(threads);
        }
        BenchReport report = Benchmarks.run(name, settings);
        out.print(report.toText());
        if (json != null) {
            AtomicFiles.writeString(json, report.toJson());
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("hypersphere", "bench", name));
        if (quick) {
            words.add("--quick");
        }
        if (threads != null) {
            words.add("--threads " + threads);
        }
        if (!only.isEmpty()) {
            words.add("--only " + String.join(",", only));
        }
        if (repetitions != 3) {
            words.add("--reps " + repetitions);
        }
        if (json != null) {
            words.add("--json " + json);
        }
        return String.join(" ", words);
    }
}
