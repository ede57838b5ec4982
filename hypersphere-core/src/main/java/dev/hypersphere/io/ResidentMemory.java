package dev.hypersphere.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** This process's resident set size (what the OS holds in RAM for it: heap, native tensors, libraries), on Linux. */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** VmRSS in MiB, or empty where /proc is not there (not Linux). */
    public static OptionalDouble mebibytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);   // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: the caller leaves the figure out
        }
        return OptionalDouble.empty();
    }
}
