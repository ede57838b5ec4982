package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad input to {@code hypersphere bench} is one error line and exit 2, before anything runs. */
class BenchCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HypersphereCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void unknownBenchmarkNamesTheValidOnes() {
        String[] r = run("bench", "nope", "--quick");
        assertEquals("2", r[0]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].contains("unknown benchmark 'nope'") && r[2].contains("train-step, head-overhead, input-pipeline, eval, memory"), r[2]);
    }

    @Test
    void fewerThanThreeRepetitionsIsRefused() {
        String[] r = run("bench", "memory", "--quick", "--reps", "2");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--reps must be >= 3"), r[2]);
        assertEquals("", r[1]);
    }
}
