package dev.hypersphere.experiment;

import java.io.IOException;

/**
 * One of the papers' experiments, reproduced with one command: it trains what it needs into sub-folders of the
 * context's output folder and fills in a {@link ExperimentReport} (tables, figures, key numbers).
 */
public interface Experiment {

    /** The name users type: {@code hypersphere experiment NAME}. */
    String name();

    /** One line: what it reproduces and from which paper. */
    String description();

    /** Runs the experiment (quick or full size, as the context says) and records its results in {@code report}. */
    void run(ExperimentContext context, ExperimentReport report) throws IOException;
}
