package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails to start leaves nothing behind, so the same folder can be given again. */
class FailedStartTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static TrainConfig tiny(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("data.identities", "8", "data.images-per-identity", "4",
                "data.height", "16", "data.width", "16", "model.embedding-dim", "8", "train.batch-size", "8",
                "train.steps", "2", "train.validate-every", "0", "train.checkpoint-every", "0", "validation.pairs", "20"));
        o.put("schedule.warmup-steps", "0");
        o.putAll(extra);
        return ConfigLoader.defaults().preset("demo").overrides(o, "test").resolve();
    }

    @Test
    void failuresBeforeAndAtTheFirstStepLeaveNoFolder(@TempDir Path tmp) throws Exception {
        Path faces = TestImages.folder(tmp.resolve("faces"), 3, "ann", "bob");
        Files.writeString(faces.resolve("bob/broken.png"), "not a PNG");   // decoded only with the first batch
        // Each failure (overrides → what its one-line message names): four found before the folder is made, the
        // last only when the first batch is decoded, after it was.
        Map<Map<String, String>, String> failing = new LinkedHashMap<>();
        failing.put(Map.of("head.params.q", "1"), "unknown parameter 'q' for head arcface");
        failing.put(Map.of("model.backbone", "resnet-nope"), "unknown backbone 'resnet-nope'");
        failing.put(Map.of("train.batch-size", "0"), "train.batch-size must be >= 1");
        failing.put(Map.of("data.source", "folder", "data.path", tmp.resolve("absent").toString()), "absent does not exist");
        failing.put(Map.of("data.source", "folder", "data.path", faces.toString(), "data.split", "none",
                "train.batch-size", "7", "data.loader-threads", "1"), "broken.png: not a JPEG");
        Path out = tmp.resolve("runs").resolve("r");   // "runs" is made for the run too, and must go with it
        failing.forEach((bad, message) -> {
            Exception e = assertThrows(Exception.class, () -> Training.start(tiny(bad), out, QUIET), bad.toString());
            assertTrue(e.getMessage().contains(message), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("runs")), bad + " left " + tmp.resolve("runs"));
        });
        Training.Report report = Training.start(tiny(Map.of()), out, QUIET);
        assertEquals(2L, ((Number) report.values().get("steps")).longValue());
        assertTrue(Files.isRegularFile(out.resolve("report.json")));
    }

    @Test
    void aFolderThatWasThereKeepsItsOtherFiles(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "kept");
        assertThrows(IllegalArgumentException.class, () -> Training.start(tiny(Map.of("model.backbone", "nope")), out, QUIET));
        Path faces = TestImages.folder(tmp.resolve("faces"), 3, "ann", "bob");
        Files.writeString(faces.resolve("ann/broken.png"), "not a PNG");
        assertThrows(Exception.class, () -> Training.start(tiny(Map.of("data.source", "folder", "data.path", faces.toString(),
                "data.split", "none", "train.batch-size", "7", "data.loader-threads", "1")), out, QUIET));
        try (var entries = Files.list(out)) {
            assertEquals(List.of(out.resolve("notes.txt")), entries.toList());
        }
    }
}
