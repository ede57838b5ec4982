package dev.hypersphere.bench;

import dev.hypersphere.bench.step.StepRig;
import dev.hypersphere.model.BackboneSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link MemoryBench}: runs {@code steps} training steps of the small CNN (the project's
 * TrainingStep, ArcFace head) and prints {@code at STEP ARRAYS RSS_BYTES} every {@code every} steps.
 * {@code java … dev.hypersphere.bench.MemoryChild STEPS EVERY}.
 */
public final class MemoryChild {

    private MemoryChild() {}

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]);
        int every = Integer.parseInt(args[1]);
        try (StepRig rig = new StepRig(BackboneSpec.defaults("smallnet"), "arcface", Map.of(), MemoryBench.BATCH,
                MemoryBench.CLASSES, 3)) {
            for (int i = 1; i <= steps; i++) {
                rig.step();
                if (i % every == 0) {
                    System.out.println("at " + i + " " + rig.liveArrays() + " " + residentBytes());
                    System.out.flush();
                }
            }
        }
    }

    static long residentBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
