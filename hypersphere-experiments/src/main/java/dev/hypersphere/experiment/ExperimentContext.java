package dev.hypersphere.experiment;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where an experiment runs and at what size.
 *
 * @param out      the experiment's folder (its runs go in sub-folders)
 * @param dataRoot the folder holding the data sets in {@code ../shared/data}'s layout (mnist/, orl/, cifar10-jpeg.tar.gz …)
 * @param quick    the small version the test suite runs in minutes; false = the size whose numbers RESULTS.md reports
 * @param seed     the seed of every run (runs derive theirs from it)
 * @param threads  engine threads (0 = one per core)
 * @param console  progress and messages
 */
public record ExperimentContext(Path out, Path dataRoot, boolean quick, long seed, int threads, PrintStream console) {

    /** A data set under the data root, with a clear error when it is not there. */
    public Path data(String relative) {
        Path path = dataRoot.resolve(relative);
        if (!java.nio.file.Files.exists(path)) {
            throw new IllegalArgumentException("data set not found: " + path + " (pass --data DIR, the folder that holds "
                    + relative + ")");
        }
        return path;
    }

    /** The folder of one run inside the experiment. */
    public Path run(String name) {
        return out.resolve("runs").resolve(name);
    }
}
