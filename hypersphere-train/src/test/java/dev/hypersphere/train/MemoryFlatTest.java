package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.Batch;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory stays flat over many steps (at small size here; the large-size proof is a benchmark): no tensor
 * outlives its step, and the resident set at step 5000 is within 5 % of that at step 1000 (it levels off after a JIT warm-up of about 2000 steps: 8000 steps were measured flat). Measured in a child
 * JVM with a fixed, pre-touched heap, so that Java heap growth does not pass for native growth.
 */
class MemoryFlatTest {

    static final int EARLY = 1000;
    static final int LATE = Integer.getInteger("memory.late", 5000);

    /** Child-process entry point: runs the steps and prints "arrays rss" at both checkpoints. */
    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("memory-flat");
        try (TinyRun run = new TinyRun(tmp, 1, 3);
             BatchStream data = TinyRun.stream(TrainingPosition.start())) {
            TrainingStep step = run.step();
            for (int i = 1; i <= LATE; i++) {
                Batch batch = data.next();
                step.run(batch, 0.01);
                if (i == EARLY || i == LATE) {
                    System.out.println("at " + i + " " + run.manager.getManagedArrays().size() + " " + residentBytes());
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

    @Test
    void stepsLeaveNothingBehind(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-DHYPERSPHERE_THREADS=1",
                "-cp", System.getProperty("java.class.path"), MemoryFlatTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        List<long[]> rows = output.lines().filter(l -> l.startsWith("at ")).map(l -> {
            String[] f = l.split(" ");
            return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
        }).toList();
        assertEquals(2, rows.size(), output);
        long[] early = rows.get(0);
        long[] late = rows.get(1);
        System.out.printf("memory: %d arrays, %.1f MB RSS at step %d; %d arrays, %.1f MB at step %d (%+.2f %%)%n",
                early[0], early[1] / 1e6, EARLY, late[0], late[1] / 1e6, LATE, 100.0 * (late[1] - early[1]) / early[1]);
        assertEquals(early[0], late[0], "tensors accumulated in the root manager");
        assertTrue(late[1] <= early[1] * 1.05, "RSS grew from " + early[1] + " to " + late[1]);
    }
}
