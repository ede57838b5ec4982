package dev.hypersphere.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's two forms carry the same numbers; seeded subsets are distinct, sorted and reproducible. */
class ExperimentReportTest {

    @TempDir
    Path temp;

    private static final Experiment TOY = new Experiment() {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public String description() {
            return "A toy experiment.";
        }

        @Override
        public void run(ExperimentContext context, ExperimentReport report) {
            report.put("answer", 42);
            report.table(new ExperimentReport.Table("Toy table", List.of("head", "accuracy"),
                    List.of(List.of("arcface", 0.98765), List.of("softmax", Double.NaN)), "a note under the table"));
            report.note("read me");
        }
    };

    @Test
    void summaryAndJsonHoldTheTablesCommandAndMachine() throws Exception {
        ExperimentContext context = new ExperimentContext(temp, temp, true, 3, 1,
                new PrintStream(OutputStream.nullOutputStream()));
        ExperimentRunner.run(TOY, context, "hypersphere experiment toy --quick");
        String md = Files.readString(temp.resolve("summary.md"));
        assertTrue(md.startsWith("## toy (quick mode)\n"), md);
        assertTrue(md.contains("| head | accuracy |\n|---|---|\n| arcface | 0.9877 |\n| softmax | – |\n"), md);
        assertTrue(md.contains("Command: `hypersphere experiment toy --quick`"), md);
        assertTrue(md.contains("cores"), md);
        assertTrue(md.contains("- read me"), md);
        JsonNode json = new ObjectMapper().readTree(temp.resolve("report.json").toFile());
        assertEquals(42, json.path("answer").asInt());
        assertEquals("quick", json.path("mode").asText());
        assertEquals(0.98765, json.path("tables").get(0).path("rows").get(0).get(1).asDouble(), 0);
        assertTrue(json.path("machine").path("cores").asInt() >= 1);
    }

    @Test
    void seededSubsetsAreDistinctSortedAndReproducible() {
        int[] a = Subsets.seeded(1000, 100, 9);
        assertEquals(100, Arrays.stream(a).distinct().count());
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, a);
        assertArrayEquals(a, Subsets.seeded(1000, 100, 9));
        assertTrue(!Arrays.equals(a, Subsets.seeded(1000, 100, 10)), "another seed, another subset");
        assertArrayEquals(new int[] {0, 1, 2}, Subsets.seeded(3, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> Subsets.seeded(3, 4, 1));
    }

    @Test
    void unknownExperimentListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiments.byName("nope"));
        assertTrue(e.getMessage().contains("sphereface-mnist") && e.getMessage().contains("margins-faces"), e.getMessage());
    }

    @Test
    void aRunIsReusedOnlyWithTheSameSettingsThreadsAside() {
        var base = ExperimentRuns.config("demo", java.util.Map.of());
        var otherThreads = ExperimentRuns.config("demo", java.util.Map.of("train.threads", "1", "data.loader-threads", "1"));
        var otherSteps = ExperimentRuns.config("demo", java.util.Map.of("train.steps", "7"));
        assertTrue(ExperimentRuns.sameSettings(base, otherThreads));
        assertTrue(!ExperimentRuns.sameSettings(base, otherSteps));
        // head parameters given in another order are the same settings (Map.of iterates in a per-JVM order)
        var ab = ExperimentRuns.config("demo", new java.util.LinkedHashMap<>(java.util.Map.of()) {{
            put("head.params.s", "16");
            put("head.params.m", "0.2");
        }});
        var ba = ExperimentRuns.config("demo", new java.util.LinkedHashMap<>(java.util.Map.of()) {{
            put("head.params.m", "0.2");
            put("head.params.s", "16");
        }});
        assertTrue(ExperimentRuns.sameSettings(ab, ba));
    }
}
