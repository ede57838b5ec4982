package dev.hypersphere.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one training run, all under one folder:
 * <pre>
 * config.yaml      the configuration as resolved (every key)
 * log.jsonl        one JSON object per logging step, and one per validation
 * checkpoints/     step-NNNNNNNN/ folders and a "latest" pointer (see Checkpoints)
 * model/           the final weights: backbone.params, head.params
 * best/            the weights with the best validation accuracy so far
 * model.json       what embed needs: backbone, head, embedding size, preprocessing, classes
 * report.json      the run's outcome: validation numbers, steps, time, throughput
 * </pre>
 */
public record RunFolder(Path root) {

    public Path config() {
        return root.resolve("config.yaml");
    }

    public Path log() {
        return root.resolve("log.jsonl");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path finalModel() {
        return root.resolve("model");
    }

    public Path bestModel() {
        return root.resolve("best");
    }

    public Path modelJson() {
        return root.resolve("model.json");
    }

    public Path report() {
        return root.resolve("report.json");
    }

    /** The weights embed uses: the best validated ones if kept, else the final ones. */
    public Path weightsForEmbedding() throws IOException {
        if (Files.isDirectory(bestModel())) {
            return bestModel();
        }
        if (Files.isDirectory(finalModel())) {
            return finalModel();
        }
        throw new IOException(root + " has no trained weights (neither best/ nor model/): did the run finish?");
    }

    /** Checks that {@code root} looks like a run folder. */
    public static RunFolder existing(Path root) throws IOException {
        RunFolder run = new RunFolder(root);
        if (!Files.isRegularFile(run.modelJson())) {
            throw new IOException(root + " is not a hypersphere run folder: no model.json");
        }
        return run;
    }
}
