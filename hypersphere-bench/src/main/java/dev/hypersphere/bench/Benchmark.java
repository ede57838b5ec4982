package dev.hypersphere.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** One named benchmark of {@code hypersphere bench NAME}. */
public interface Benchmark {

    /** What a benchmark measured: its rows, extra details and notes; {@link Benchmarks#run} adds the machine. */
    record Outcome(List<Comparison> comparisons, Map<String, Object> details, List<String> notes) {}

    String name();

    /** One line for the command's help. */
    String description();

    Outcome measure(BenchSettings settings) throws IOException;
}
