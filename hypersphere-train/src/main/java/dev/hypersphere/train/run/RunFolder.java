package dev.hypersphere.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

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

    /** Whether a run was started here (a later start must not overwrite it). */
    public boolean holdsRun() {
        return Files.exists(config()) || Files.exists(checkpoints());
    }

    /**
     * Creates the folder and any missing parents; returns the topmost folder this made, or null where {@code root}
     * already existed (to hand to {@link #discard}).
     */
    public Path create() throws IOException {
        Path absolute = root.toAbsolutePath();
        Path topmost = null;
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            topmost = p;
        }
        Files.createDirectories(absolute);
        return topmost;
    }

    /**
     * Undoes a start that failed: removes what a run writes here (with the hidden temporary files of its atomic
     * writes), then the folders {@link #create} made, so that the same folder can be given again. Files that were
     * there before and are not a run's are left alone.
     *
     * @param created what {@link #create} returned
     */
    public void discard(Path created) throws IOException {
        Path absolute = root.toAbsolutePath();
        if (created != null) {
            deleteTree(absolute);   // made for this run: everything in it is the run's
            for (Path p = absolute.getParent(); p != null && p.startsWith(created) && isEmptyFolder(p); p = p.getParent()) {
                Files.delete(p);
            }
            return;
        }
        List<String> names = List.of(config(), log(), checkpoints(), finalModel(), bestModel(), modelJson(), report())
                .stream().map(p -> p.getFileName().toString()).toList();
        try (var entries = Files.list(absolute)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (names.contains(name) || names.stream().anyMatch(n -> name.startsWith("." + n))) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static boolean isEmptyFolder(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var entries = Files.list(p)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
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
