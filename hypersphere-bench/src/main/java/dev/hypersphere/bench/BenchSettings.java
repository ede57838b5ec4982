package dev.hypersphere.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to run a benchmark.
 *
 * @param quick       tiny sizes, well under a minute: checks that everything runs and reports, not a measurement
 * @param threads     intra-op threads for our engine and for the baselines (OpenMP / OpenBLAS / torch / FAISS)
 * @param repetitions timed repetitions (the median and spread are over these); at least 3
 * @param tools       the repository's {@code tools/} folder, where the Python baselines are
 * @param python      the interpreter for the baselines (Debian's, with python3-torch and python3-faiss)
 * @param allowInstall let the baseline scripts apt-get their missing Debian packages
 * @param only        run only the cases whose names contain one of these words (empty: all cases)
 * @param command     the command line that ran the benchmark, for the report
 * @param log         progress lines (stderr)
 */
public record BenchSettings(boolean quick, int threads, int repetitions, Path tools, Path python, boolean allowInstall,
                            java.util.List<String> only, String command, PrintWriter log) {

    public static final String TOOLS_SETTING = "HYPERSPHERE_TOOLS";
    public static final String PYTHON_SETTING = "HYPERSPHERE_PYTHON";

    public BenchSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (repetitions < 3) {
            throw new IllegalArgumentException("repetitions must be >= 3 (a median and a spread need three), got " + repetitions);
        }
        only = only == null ? java.util.List.of() : java.util.List.copyOf(only);
    }

    /** Whether the case named {@code name} is selected by {@link #only}. */
    public boolean selects(String name) {
        return only.isEmpty() || only.stream().anyMatch(name::contains);
    }

    public BenchSettings withOnly(java.util.List<String> words) {
        return new BenchSettings(quick, threads, repetitions, tools, python, allowInstall, words, command, log);
    }

    /** Defaults: all cores, 3 repetitions, tools found from the working directory, /usr/bin/python3. */
    public static BenchSettings defaults(boolean quick, String command, PrintWriter log) {
        return new BenchSettings(quick, Runtime.getRuntime().availableProcessors(), 3, findTools().orElse(null),
                Path.of(setting(PYTHON_SETTING, "/usr/bin/python3")), true, java.util.List.of(), command, log);
    }

    public BenchSettings withThreads(int n) {
        return new BenchSettings(quick, n, repetitions, tools, python, allowInstall, only, command, log);
    }

    public BenchSettings withRepetitions(int n) {
        return new BenchSettings(quick, threads, n, tools, python, allowInstall, only, command, log);
    }

    public BenchSettings withTools(Path dir) {
        return new BenchSettings(quick, threads, repetitions, dir, python, allowInstall, only, command, log);
    }

    public BenchSettings withAllowInstall(boolean allow) {
        return new BenchSettings(quick, threads, repetitions, tools, python, allow, only, command, log);
    }

    /**
     * The repository's tools folder: {@value #TOOLS_SETTING} if set, else the first {@code tools/} holding the
     * baseline scripts in the working directory or one of its parents, or beside the code's own location.
     */
    public static Optional<Path> findTools() {
        String explicit = setting(TOOLS_SETTING, null);
        if (explicit != null) {
            return Optional.of(Path.of(explicit));
        }
        Optional<Path> fromCwd = upwards(Path.of("").toAbsolutePath());
        if (fromCwd.isPresent()) {
            return fromCwd;
        }
        try {
            Path code = Path.of(BenchSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return upwards(code);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> upwards(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path tools = dir.resolve("tools");
            if (Files.isRegularFile(tools.resolve("bench_common.py"))) {
                return Optional.of(tools);
            }
        }
        return Optional.empty();
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
