package dev.hypersphere.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs one JMH benchmark class in a forked JVM and returns the score of every measurement iteration. */
public final class JmhRunner {

    private JmhRunner() {}

    /**
     * @param iterations measurement iterations (each one a repetition of the report)
     * @param seconds    length of each warm-up and measurement iteration
     * @param params     JMH {@code @Param} values
     */
    public static List<Double> iterationScores(Class<?> benchmark, int warmups, int iterations, double seconds,
                                               Map<String, String> params) {
        TimeValue time = TimeValue.milliseconds(Math.round(seconds * 1000));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName().replace("$", "\\$") + ".*")
                .forks(1)
                .warmupIterations(warmups).warmupTime(time)
                .measurementIterations(iterations).measurementTime(time)
                .jvmArgsAppend("-Xmx1g")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        params.forEach(options::param);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run of " + benchmark.getSimpleName() + " failed: " + e.getMessage(), e);
        }
        List<Double> scores = new ArrayList<>();
        for (RunResult run : results) {
            for (BenchmarkResult b : run.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    scores.add(i.getPrimaryResult().getScore());
                }
            }
        }
        if (scores.isEmpty()) {
            throw new IllegalStateException("JMH ran no iteration of " + benchmark.getSimpleName());
        }
        return scores;
    }
}
