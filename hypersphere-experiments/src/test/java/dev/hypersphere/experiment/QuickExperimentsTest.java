package dev.hypersphere.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.io.SharedData;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each experiment's {@code --quick} mode end to end on the real data (skipped where the data is absent): the report
 * has the promised tables, every number is in range, the figures are written, and a second start reuses the
 * finished runs instead of training again (an interrupted experiment resumes).
 */
class QuickExperimentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private JsonNode runQuick(String name, String data) throws Exception {
        Optional<Path> root = SharedData.root();
        assumeTrue(root.isPresent() && Files.exists(root.get().resolve(data)), SharedData.missing(data));
        Path out = temp.resolve(name);
        ExperimentContext context = new ExperimentContext(out, root.get(), true, 7, 1,
                new PrintStream(OutputStream.nullOutputStream()));
        ExperimentRunner.run(Experiments.byName(name), context, "hypersphere experiment " + name + " --quick");
        assertTrue(Files.isRegularFile(out.resolve("summary.md")));
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(name, report.path("experiment").asText());
        assertEquals("quick", report.path("mode").asText());
        for (JsonNode figure : report.path("figures")) {
            assertTrue(Files.size(out.resolve(figure.asText())) > 1000, "figure " + figure + " is written");
        }
        return report;
    }

    private static void assertProbability(JsonNode value, String what) {
        assertTrue(value.isNumber(), what + " is a number: " + value);
        assertTrue(value.asDouble() >= 0 && value.asDouble() <= 1, what + " in [0, 1]: " + value);
    }

    @Test
    void sphereFaceMnistQuick() throws Exception {
        JsonNode report = runQuick("sphereface-mnist", "mnist");
        JsonNode runs = report.path("runs");
        assertEquals(6, runs.size(), "3 heads × 2 dimensions");
        runs.forEach(run -> {
            assertProbability(run.path("test_accuracy"), "test accuracy");
            double maxIntra = run.path("geometry").path("sphereface_criterion").path("max_intra_class_angle_deg").asDouble(Double.NaN);
            assertTrue(maxIntra >= 0 && maxIntra <= 180, "max intra-class angle in degrees: " + maxIntra);
        });
        assertEquals(2, report.path("figures").size(), "one panel figure per dimension");
    }

    @Test
    void lfwQuickCrossTrainsAndScoresEachFoldOnce() throws Exception {
        JsonNode report = runQuick("lfw", "lfw/lfw-deepfunneled.tar.gz");
        assertTrue(report.path("people_disjoint_across_folds").path("holds").asBoolean(false),
                report.path("people_disjoint_across_folds").toString());
        JsonNode result = report.path("results").elements().next();
        JsonNode insightface = result.path("lfw_insightface");
        assertProbability(insightface.path("accuracy"), "LFW accuracy");
        // Quick mode: folds 0, 1 scored by the model trained without their people, 5, 6 by the other.
        assertEquals("[0,1,5,6]", insightface.path("folds").toString());
        JsonNode split = result.path("splits").get(0);
        assertEquals("[0,1]", split.path("test_folds").toString());
        assertEquals(1200, split.path("verification").path("pairs").path("total").asInt(), "2 folds of 600 pairs");
        assertProbability(split.path("all_pairs").path("auc"), "all-pairs AUC");
        assertEquals(1, report.path("tables").size());
    }

    @Test
    void marginsFacesQuickPoolsOpenSetPairs() throws Exception {
        JsonNode report = runQuick("margins-faces", "orl");
        JsonNode heads = report.path("heads");
        assertEquals(6, heads.size());
        heads.forEach(head -> {
            assertProbability(head.path("accuracy"), "accuracy");
            assertProbability(head.path("auc"), "AUC");
            // one fold of ORL's 4 holds out 10 identities × 10 images: C(100, 2) pairs, 10 × C(10, 2) of them same
            assertEquals(4950, head.path("pairs").asInt());
            assertEquals(450, head.path("same_pairs").asInt());
        });
    }

    @Test
    void subCenterNoiseQuickScoresTheDetector() throws Exception {
        JsonNode report = runQuick("subcenter-noise", "mnist");
        JsonNode runs = report.path("runs");
        assertEquals(6, runs.size(), "3 noise levels × 2 heads");
        runs.forEach(run -> {
            assertProbability(run.path("test_accuracy"), "test accuracy");
            int corrupted = run.path("corrupted").asInt();
            double noise = run.path("noise").asDouble();
            // 3,000 of 60,000 samples scanned: the corrupted count is near noise × 3,000 (binomial, ±5σ)
            double expected = noise * 3000;
            assertTrue(Math.abs(corrupted - expected) <= 5 * Math.sqrt(Math.max(1, expected)), corrupted + " vs " + expected);
            assertTrue(run.path("true_positives").asInt() <= run.path("flagged").asInt());
        });
    }
}
