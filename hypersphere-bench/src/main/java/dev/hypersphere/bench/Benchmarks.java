package dev.hypersphere.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every benchmark by name, and the one way to run one (machine and load average recorded around it). */
public final class Benchmarks {

    private static final List<Benchmark> ALL = List.of(new TrainStepBench(), new HeadOverheadBench(), new InputPipelineBench(),
            new EvalBench(), new MemoryBench());

    private Benchmarks() {}

    public static List<String> names() {
        return ALL.stream().map(Benchmark::name).toList();
    }

    /** Name → one-line description, in order. */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        ALL.forEach(b -> m.put(b.name(), b.description()));
        return m;
    }

    public static Benchmark byName(String name) {
        for (Benchmark b : ALL) {
            if (b.name().equalsIgnoreCase(name.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name + "'; valid: " + String.join(", ", names()));
    }

    public static BenchReport run(String name, BenchSettings settings) throws IOException {
        Benchmark benchmark = byName(name);
        Map<String, Object> machine = Machine.describe(settings.threads());
        List<Double> before = Machine.loadAverage();
        long start = System.nanoTime();
        Benchmark.Outcome outcome = benchmark.measure(settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BenchReport(benchmark.name(), settings.quick(), settings.command(), machine, before, Machine.loadAverage(),
                seconds, outcome.comparisons(), outcome.details(), outcome.notes());
    }
}
