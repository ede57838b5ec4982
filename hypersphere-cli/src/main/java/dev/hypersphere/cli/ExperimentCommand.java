package dev.hypersphere.cli;

import dev.hypersphere.experiment.Experiment;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentRunner;
import dev.hypersphere.experiment.Experiments;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hypersphere experiment NAME}: reproduces one of the papers' experiments on real data. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Reproduce a paper's experiment on real data: trains, evaluates, and writes DIR/report.json, "
                + "DIR/summary.md and plots. --list names them.")
final class ExperimentCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The experiment (see --list).")
    String name;

    @Option(names = "--list", description = "List the experiments and exit.")
    boolean list;

    @Option(names = "--quick", description = "The small version (minutes): same code path, fewer steps and samples.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/experiments/NAME[-quick]).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding the data sets (mnist/, orl/, cifar10-jpeg.tar.gz); default $HYPERSPHERE_DATA, else ../shared/data.")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "Engine threads (0 = one per core).")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list || name == null) {
            for (Experiment e : Experiments.all()) {
                stdout.printf("%-22s %s%n", e.name(), e.description());
            }
            return name == null && !list ? HypersphereCommand.BAD_INPUT : 0;
        }
        Experiment experiment = Experiments.byName(name);
        Path folder = out != null ? out : Path.of("runs", "experiments", experiment.name() + (quick ? "-quick" : ""));
        if (Files.exists(folder.resolve("report.json"))) {
            throw new IllegalArgumentException(folder + " already holds a finished experiment: pass another --out");
        }
        Path dataRoot = data != null ? data : SharedData.root().orElse(Path.of("..", "shared", "data"));
        ExperimentContext context = new ExperimentContext(folder, dataRoot, quick, seed, threads, System.err);
        String command = "hypersphere experiment " + experiment.name() + (quick ? " --quick" : "")
                + (seed != 42 ? " --seed " + seed : "") + (threads != 0 ? " --threads " + threads : "");
        ExperimentRunner.run(experiment, context, command);
        stdout.print(Files.readString(folder.resolve("summary.md")));
        stdout.println("written: " + folder.resolve("report.json") + ", " + folder.resolve("summary.md"));
        return 0;
    }
}
