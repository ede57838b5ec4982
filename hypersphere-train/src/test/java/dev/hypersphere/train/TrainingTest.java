package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import dev.hypersphere.train.run.RunFolder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run of the demo preset end to end: run folder complete, validation above chance, embed reloads it. */
class TrainingTest {

    static TrainConfig small(Map<String, String> extra) {
        Map<String, String> overrides = new java.util.LinkedHashMap<>(Map.of(
                "data.identities", "40", "data.images-per-identity", "8", "train.steps", "60", "train.batch-size", "32",
                "train.validate-every", "30", "train.checkpoint-every", "30", "train.log-every", "10",
                "validation.pairs", "400", "schedule.warmup-steps", "10"));
        overrides.putAll(extra);
        return ConfigLoader.defaults().preset("demo").overrides(overrides, "test").resolve();
    }

    @Test
    void demoPresetEndToEnd(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("run");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Training.Report report = Training.start(small(Map.of()), folder, quiet);
        RunFolder run = new RunFolder(folder);
        for (Path p : new Path[] {run.config(), run.log(), run.modelJson(), run.report(),
            run.finalModel().resolve("backbone.params"), run.bestModel().resolve("head.params")}) {
            assertTrue(Files.exists(p), p + " missing");
        }
        assertEquals(60L, ((Number) report.values().get("steps")).longValue());
        assertTrue(report.accuracy() > 0.55, "verification accuracy on unseen identities " + report.accuracy());
        assertEquals(8, ((Number) report.values().get("held_out_classes")).intValue());   // 20 % of 40 identities
        @SuppressWarnings("unchecked")
        Map<String, Object> validation = (Map<String, Object>) report.values().get("validation");
        assertEquals("open-set", validation.get("protocol"));   // an identity split: identities never trained on
        assertEquals(400, validation.get("pairs"));              // 8 × 8 images hold enough distinct pairs
        assertEquals(400, validation.get("pairs_requested"));

        try (Embedder embedder = Embedder.load(folder);
             SyntheticFaces faces = new SyntheticFaces(3, 2, 1, 32, 32, 5)) {
            Embeddings e = embedder.embed(faces, 4, 1, null);
            assertEquals(6, e.size());
            assertEquals(128, e.dim());
            double norm = 0;
            for (int k = 0; k < e.dim(); k++) {
                norm += e.vectors()[k] * e.vectors()[k];
            }
            assertEquals(1.0, norm, 1e-5);
        }
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> Training.start(small(Map.of()), folder, quiet));
        assertTrue(again.getMessage().contains("already holds a run"), again.getMessage());
    }
}
