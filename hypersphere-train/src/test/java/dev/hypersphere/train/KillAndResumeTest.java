package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume contract, with a real {@code kill -9}: a seeded run trained straight through and the same run
 * killed (SIGKILL, in a child JVM) after its step-40 checkpoint and resumed log the same loss at every step.
 */
class KillAndResumeTest {

    static final long STEPS = 80;

    static TrainConfig config() {
        return ConfigLoader.defaults().preset("demo").overrides(Map.ofEntries(
                Map.entry("data.identities", "30"), Map.entry("data.images-per-identity", "6"),
                Map.entry("data.height", "16"), Map.entry("data.width", "16"), Map.entry("data.loader-threads", "2"),
                Map.entry("model.embedding-dim", "16"), Map.entry("train.batch-size", "16"),
                Map.entry("train.steps", String.valueOf(STEPS)), Map.entry("train.log-every", "1"),
                Map.entry("train.checkpoint-every", "20"), Map.entry("train.validate-every", "40"),
                Map.entry("train.threads", "1"), Map.entry("validation.pairs", "200"),
                Map.entry("schedule.warmup-steps", "10")), "test").resolve();
    }

    /**
     * Child-process entry point: {@code start DIR} or {@code resume DIR}. Every run is a child JVM on one engine
     * thread, so that all three see the same arithmetic whatever else this test JVM has started.
     */
    public static void main(String[] args) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        if (args[0].equals("start")) {
            Training.start(config(), Path.of(args[1]), quiet);
        } else {
            Training.resume(Path.of(args[1]), quiet);
        }
    }

    private static Process child(Path log, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
                "-cp", System.getProperty("java.class.path"), KillAndResumeTest.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void finish(Process process, Path log) throws Exception {
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        assertEquals(0, process.exitValue(), Files.readString(log));
    }

    @Test
    void killedAndResumedRunMatchesTheUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Process uninterrupted = child(tmp.resolve("straight.log"), "start", straight.toString());
        Path killed = tmp.resolve("killed");
        Process child = child(tmp.resolve("child.log"), "start", killed.toString());
        Path latest = killed.resolve("checkpoints").resolve("latest");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!(Files.exists(latest) && Files.readString(latest).strip().compareTo("step-00000040") >= 0)) {
            assertTrue(child.isAlive(), "child ended early: " + Files.readString(tmp.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "no step-40 checkpoint within 4 minutes");
            Thread.sleep(20);
        }
        child.destroyForcibly();   // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(1, TimeUnit.MINUTES));
        assertTrue(!Files.exists(killed.resolve("model")), "the child was killed before finishing");

        finish(child(tmp.resolve("resume.log"), "resume", killed.toString()), tmp.resolve("resume.log"));
        finish(uninterrupted, tmp.resolve("straight.log"));
        List<Map<String, Object>> expected = losses(straight);
        List<Map<String, Object>> actual = losses(killed);
        assertEquals(STEPS, expected.size());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("loss"), actual.get(i).get("loss"), "loss at step " + (i + 1));
        }
        assertEquals(Files.readString(straight.resolve("checkpoints").resolve("latest")),
                Files.readString(killed.resolve("checkpoints").resolve("latest")));
    }

    private static List<Map<String, Object>> losses(Path run) throws Exception {
        return ScalarLog.read(run.resolve("log.jsonl")).stream().filter(e -> e.containsKey("loss")).toList();
    }
}
