package dev.hypersphere.experiment;

import dev.hypersphere.engine.HypersphereEngine;
import java.io.IOException;
import java.nio.file.Files;

/** Runs an experiment in its folder, times it, and writes its report.json and summary.md. */
public final class ExperimentRunner {

    private ExperimentRunner() {}

    /**
     * @param command the command line that reproduces this run, printed in the summary
     */
    public static ExperimentReport run(Experiment experiment, ExperimentContext context, String command) throws IOException {
        Files.createDirectories(context.out());
        HypersphereEngine.start(context.threads());
        long started = System.nanoTime();
        ExperimentReport report = new ExperimentReport();
        ExperimentRuns.resetCounts();
        experiment.run(context, report);
        report.put("runs_trained", ExperimentRuns.trainedCount());
        report.put("runs_reused", ExperimentRuns.reusedCount());
        double seconds = (System.nanoTime() - started) / 1e9;
        report.write(context.out(), experiment, context, command, seconds);
        return report;
    }
}
