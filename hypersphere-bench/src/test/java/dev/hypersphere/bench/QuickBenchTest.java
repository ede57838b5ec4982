package dev.hypersphere.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every benchmark's {@code --quick} form runs and reports well-formed JSON: the machine, the load average before
 * and after, and rows whose figures are finite with at least three repetitions. No timing is asserted. Benchmarks
 * with a Python baseline are skipped where Debian's python3-torch / python3-faiss are not installed (the test never
 * installs them).
 */
class QuickBenchTest {

    @ParameterizedTest
    @ValueSource(strings = {"train-step", "head-overhead", "input-pipeline", "eval", "memory"})
    void quickRunGivesWellFormedJson(String name) throws Exception {
        BenchSettings defaults = BenchSettings.defaults(true, "test " + name, new PrintWriter(new StringWriter()));
        if (name.equals("train-step")) {
            assumePython(defaults, "torch");
        } else if (name.equals("eval")) {
            assumePython(defaults, "faiss");
        }
        BenchSettings settings = defaults.withThreads(1).withAllowInstall(false);
        BenchReport report = Benchmarks.run(name, settings);
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertEquals(name, json.get("benchmark").asText());
        assertTrue(json.get("quick").asBoolean());
        JsonNode machine = json.get("machine");
        assertTrue(machine.get("cores").asInt() >= 1);
        assertFalse(machine.get("cpu_model").asText().isBlank());
        assertEquals(1, machine.get("threads").asInt());
        assertTrue(machine.get("jdk").asText().contains(Integer.toString(Runtime.version().feature())));
        assertEquals(3, machine.get("load_average_before").size(), "needs /proc/loadavg");
        assertEquals(3, machine.get("load_average_after").size());
        JsonNode results = json.get("results");
        assertTrue(results.isArray() && !results.isEmpty(), "no result rows");
        for (JsonNode row : results) {
            String where = name + " / " + row.get("case").asText();
            checkSamples(row.get("ours"), where);
            if (!row.get("baseline").isNull()) {
                checkSamples(row.get("baseline"), where);
                assertTrue(row.get("ratio").isNumber() && Double.isFinite(row.get("ratio").asDouble()), where);
            }
            assertNotNull(row.get("target"), where);
            String target = row.get("target").asText();
            assertEquals(target.equals("none"), row.get("met").isNull(), where + ": met is set exactly when there is a target");
        }
    }

    private static void checkSamples(JsonNode samples, String where) {
        assertTrue(samples.get("repetitions").asInt() >= 3, where + ": fewer than 3 repetitions");
        assertEquals(samples.get("repetitions").asInt(), samples.get("values").size(), where);
        double median = samples.get("median").asDouble();
        assertTrue(Double.isFinite(median) && median > 0, where + ": median " + median);
        assertTrue(samples.get("min").asDouble() <= median && median <= samples.get("max").asDouble(), where);
        assertFalse(samples.get("unit").asText().isBlank(), where);
    }

    private static void assumePython(BenchSettings settings, String module) throws Exception {
        Assumptions.assumeTrue(settings.tools() != null, "tools/ folder not found");
        Path python = settings.python();
        Assumptions.assumeTrue(python.toFile().canExecute(), python + " not found");
        Process p = new ProcessBuilder(python.toString(), "-c", "import " + module).redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0,
                "Python module " + module + " not installed: the baseline part is skipped");
    }
}
