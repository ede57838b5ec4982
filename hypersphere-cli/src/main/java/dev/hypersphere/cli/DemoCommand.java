package dev.hypersphere.cli;

import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hypersphere demo}: the whole story on built-in data in a few minutes — train a small ArcFace model on
 * procedurally drawn identities and measure open-set verification on identities it never saw.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small ArcFace model on built-in synthetic identities (no data needed) and report open-set "
                + "verification accuracy on identities never seen in training; writes DIR/report.json.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "The run folder (default ${DEFAULT-VALUE}; a numbered sibling if it exists).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key of the demo preset (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path folder = out;
        for (int n = 2; Files.exists(folder.resolve("config.yaml")); n++) {
            folder = out.resolveSibling(out.getFileName() + "-" + n);
        }
        // What the validation measures follows from the data (its split), and training prints it next.
        System.err.println("hypersphere demo: ArcFace on synthetic identities -> " + folder);
        Training.Report report = Training.start(ConfigLoader.defaults().preset("demo").overrides(set, "--set").resolve(),
                folder, System.err);
        return TrainCommand.report(report, folder, spec.commandLine().getOut());
    }
}
