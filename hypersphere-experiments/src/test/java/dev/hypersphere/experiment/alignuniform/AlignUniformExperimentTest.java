package dev.hypersphere.experiment.alignuniform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentRunner;
import dev.hypersphere.experiment.Experiments;
import dev.hypersphere.io.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hypersphere experiment align-uniform-cifar --quick} end to end on the real CIFAR-10 tar, when present. */
class AlignUniformExperimentTest {

    @TempDir
    Path out;

    @Test
    void quickRunReportsEveryEncoderWithMetricsInRange() throws Exception {
        Path data = SharedData.root().orElse(null);
        Assumptions.assumeTrue(data != null && Files.exists(data.resolve(AlignUniformExperiment.DATA)),
                SharedData.missing(AlignUniformExperiment.DATA));
        // One engine thread: on a busy 2-core machine two threads spend three times the CPU per step.
        ExperimentContext context = new ExperimentContext(out, data, true, 42, 1, System.err);
        ExperimentRunner.run(Experiments.byName(AlignUniformExperiment.NAME), context,
                "hypersphere experiment align-uniform-cifar --quick");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("quick", report.path("mode").asText());
        JsonNode encoders = report.path("encoders");
        int expected = EncoderRecipe.catalogue().size();
        assertEquals(expected, encoders.size());
        assertTrue(expected >= 8);
        for (JsonNode e : encoders) {
            String name = e.path("encoder").asText();
            double alignment = e.path("alignment").asDouble(Double.NaN);
            double uniformity = e.path("uniformity").asDouble(Double.NaN);
            double accuracy = e.path("probe_accuracy").asDouble(Double.NaN);
            assertTrue(alignment >= 0 && alignment <= 4, name + " alignment " + alignment);
            // On S^127 the Gaussian potential's mean is at most 1 (so ≤ 0) and at least exp(−4).
            assertTrue(uniformity <= 0 && uniformity >= -4, name + " uniformity " + uniformity);
            assertTrue(accuracy >= 0 && accuracy <= 1, name + " probe accuracy " + accuracy);
            assertTrue(Files.isRegularFile(context.run(name).resolve("result.json")), name + " result.json");
            if (!name.equals("untrained")) {
                assertEquals(30, e.path("steps").asInt());
                assertTrue(Double.isFinite(e.path("last_loss").asDouble(Double.NaN)), name + " last loss");
            }
        }
        JsonNode spearman = report.path("spearman");
        for (String key : new String[] {"alignment_vs_probe_accuracy", "uniformity_vs_probe_accuracy"}) {
            double rho = spearman.path(key).asDouble(Double.NaN);
            assertTrue(rho >= -1 && rho <= 1, key + " " + rho);
        }
        assertEquals(2, report.path("tables").size());
        assertEquals(expected, report.path("tables").get(0).path("rows").size());
        assertTrue(Files.size(out.resolve("align-uniform-scatter.png")) > 10_000);
        assertTrue(Files.readString(out.resolve("align-uniform-scatter.svg")).contains("<svg"));
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("Spearman rank correlation"));
        assertTrue(summary.contains("![align-uniform-scatter.png](align-uniform-scatter.png)"));
    }
}
