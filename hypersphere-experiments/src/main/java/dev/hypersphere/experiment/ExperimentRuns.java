package dev.hypersphere.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training runs inside an experiment, each an ordinary run folder. An experiment that is stopped and started
 * again picks up where it was: a finished run is read back, an unfinished one resumes from its last checkpoint.
 */
public final class ExperimentRuns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Runs trained and runs read back in this process since the last {@link #resetCounts()}: the summary says both. */
    private static final java.util.concurrent.atomic.AtomicInteger TRAINED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger REUSED = new java.util.concurrent.atomic.AtomicInteger();

    private ExperimentRuns() {}

    static void resetCounts() {
        TRAINED.set(0);
        REUSED.set(0);
    }

    static int trainedCount() {
        return TRAINED.get();
    }

    static int reusedCount() {
        return REUSED.get();
    }

    /** The configuration of a run: a preset (or the defaults when null) with overrides applied. */
    public static TrainConfig config(String preset, Map<String, String> overrides) {
        ConfigLoader loader = ConfigLoader.defaults();
        if (preset != null) {
            loader = loader.preset(preset);
        }
        return loader.overrides(overrides, "experiment").resolve();
    }

    /** Trains the run {@code name} (or reads it back if it finished before) and returns its report. */
    public static Training.Report train(ExperimentContext context, String name, TrainConfig config) throws IOException {
        Path folder = context.run(name);
        Path report = folder.resolve("report.json");
        Path existing = new RunFolder(folder).config();
        if (Files.isRegularFile(existing) && !sameSettings(ConfigLoader.read(existing), config)) {
            // A run made with other settings (another version of the experiment) must not be passed off as this one.
            throw new IllegalArgumentException(folder + " holds a run made with a different configuration than this "
                    + "experiment now uses: pass another --out");
        }
        if (Files.isRegularFile(report)) {
            JsonNode node = JSON.readTree(report.toFile());
            if (node.path("finished").asBoolean(false)) {
                context.console().println("run " + name + ": finished before, reading " + report);
                REUSED.incrementAndGet();
                @SuppressWarnings("unchecked")
                Map<String, Object> values = JSON.convertValue(node, LinkedHashMap.class);
                return new Training.Report(values);
            }
        }
        Files.createDirectories(folder.getParent());
        TRAINED.incrementAndGet();
        if (Files.isRegularFile(new RunFolder(folder).config())) {
            context.console().println("run " + name + ": resuming");
            return Training.resume(folder, context.console());
        }
        context.console().println("run " + name + ": training");
        return Training.start(config, folder, context.console());
    }

    /** Equal but for thread counts, which change speed, not results, and may differ between sessions. */
    static boolean sameSettings(TrainConfig a, TrainConfig b) {
        return withoutThreads(a).equals(withoutThreads(b));
    }

    /** The config as a tree (maps compare regardless of key order) without its thread counts. */
    private static JsonNode withoutThreads(TrainConfig config) {
        try {
            ObjectNode tree = (ObjectNode) YAML.readTree(ConfigLoader.toYaml(config));
            ((ObjectNode) tree.path("train")).remove("threads");
            ((ObjectNode) tree.path("data")).remove("loader-threads");
            return tree;
        } catch (IOException e) {
            throw new IllegalStateException("a resolved config does not read back as YAML", e);
        }
    }

    /** A number from a report, NaN when absent. */
    public static double number(Training.Report report, String key) {
        Object v = report.values().get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
