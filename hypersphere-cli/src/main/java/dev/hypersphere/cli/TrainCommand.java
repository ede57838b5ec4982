package dev.hypersphere.cli;

import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code hypersphere train}: a training run from a preset, a YAML config and overrides, or the continuation of an
 * interrupted run. Every config key is also a flag: {@code --train.steps=2000}, {@code --head.params.m 0.4}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a backbone with a margin head. Every config key is also a flag, e.g. --train.steps=2000 "
                + "--head.name=cosface --data.path=faces/ (see hypersphere-train's config/defaults.yaml for all keys).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "YAML", description = "A run configuration (applied after the preset).")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", description = "Start from a built-in preset: demo, mnist-sphereface, faces-arcface, faces-cpu (real faces on CPUs).")
    String preset;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder to create (default: runs/<preset or train>-<time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its latest checkpoint.")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key (repeatable), e.g. --set train.steps=200.")
    Map<String, String> set = new LinkedHashMap<>();

    @Unmatched
    List<String> keyFlags = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintStream console = System.err;
        if (resume != null) {
            if (config != null || preset != null || !set.isEmpty() || !keyFlags.isEmpty() || out != null) {
                throw new IllegalArgumentException("--resume continues a run with its own config.yaml: give no other options");
            }
            return report(Training.resume(resume, console), resume, spec.commandLine().getOut());
        }
        ConfigLoader loader = ConfigLoader.defaults();
        if (preset != null) {
            loader = loader.preset(preset);
        }
        if (config != null) {
            loader = loader.file(config);
        }
        loader = loader.overrides(keyFlagOverrides(), "the command line").overrides(set, "--set");
        Path folder = out != null ? out : Path.of("runs", (preset != null ? preset : "train") + "-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return report(Training.start(loader.resolve(), folder, console), folder, spec.commandLine().getOut());
    }

    /** {@code --section.key=value} and {@code --section.key value} flags. */
    private Map<String, String> keyFlagOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < keyFlags.size(); i++) {
            String arg = keyFlags.get(i);
            if (!arg.startsWith("--") || !arg.contains(".")) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; config keys are given as --section.key=value "
                        + "(e.g. --train.steps=200)");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq > 0) {
                overrides.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < keyFlags.size()) {
                overrides.put(body, keyFlags.get(++i));
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return overrides;
    }

    static int report(Training.Report report, Path folder, PrintWriter out) {
        Map<String, Object> v = report.values();
        if (Boolean.TRUE.equals(v.get("finished"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> validation = (Map<String, Object>) v.get("validation");
            // The validator says what its accuracy measures (open-set only on identities unseen in training).
            // (Empty after a resume that never beat the checkpoint's best: then only "validation".)
            Object what = validation == null ? null : validation.getOrDefault("description", validation.get("mode"));
            what = what == null ? "validation" : what;
            out.printf(Locale.ROOT, "%s + %s, %d steps in %.0f s: %s, best accuracy %.4f%s%n", v.get("backbone"), v.get("head"),
                    ((Number) v.get("steps")).longValue(), ((Number) v.get("seconds")).doubleValue(), what, report.accuracy(),
                    v.get("accuracy_std") instanceof Number s ? String.format(Locale.ROOT, " ± %.4f", s.doubleValue()) : "");
            out.println("run folder: " + folder + " (report.json, model.json, log.jsonl, best/, model/)");
        } else {
            out.printf(Locale.ROOT, "stopped at step %d with a checkpoint; continue with: hypersphere train --resume %s%n",
                    ((Number) v.get("steps")).longValue(), folder);
        }
        out.flush();
        return 0;
    }
}
