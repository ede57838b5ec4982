package dev.hypersphere.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark ran on: cores, CPU model, JDK, the threads it was given, and the load average before and after,
 * so that a reader can tell a slow result from a busy machine (the benchmarks share their cores with other work).
 */
public final class Machine {

    private Machine() {}

    /** The 1-, 5- and 15-minute load averages from /proc/loadavg, or an empty list where there is none. */
    public static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first "model name" line of /proc/cpuinfo, or "unknown". */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown";
    }

    /** The static description (no load average): cores, CPU model, JDK, OS, threads the benchmark uses. */
    public static Map<String, Object> describe(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", cpuModel());
        m.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("threads", threads);
        return m;
    }

    /** One line for the table: "2 cores Intel(R) Xeon(R) Processor, JDK 25, 2 threads, load 2.1→2.3". */
    public static String summary(Map<String, Object> machine, List<Double> before, List<Double> after) {
        return machine.get("cores") + " cores " + machine.get("cpu_model") + ", JDK " + Runtime.version().feature() + ", "
                + machine.get("threads") + " threads, load " + first(before) + "→" + first(after);
    }

    private static String first(List<Double> load) {
        return load.isEmpty() ? "?" : String.format(java.util.Locale.ROOT, "%.2f", load.get(0));
    }
}
