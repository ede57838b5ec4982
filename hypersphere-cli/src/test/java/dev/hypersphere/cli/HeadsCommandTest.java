package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code hypersphere heads}: target logits against the formulas worked here in float64, and its bad-input path. */
class HeadsCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonListsEveryHeadWithItsTargetLogitAtSixtyDegrees() throws Exception {
        Run run = run("heads", "--theta-deg", "60", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        Map<String, Double> target = new HashMap<>();
        for (JsonNode head : doc.get("heads")) {
            String key = head.get("name").asText() + (head.get("parameters").has("mode")
                    ? "/" + head.get("parameters").get("mode").asText() : "")
                    + (head.get("parameters").has("variant") ? "/" + head.get("parameters").get("variant").asText() : "");
            target.put(key, head.get("kind").asText().equals("head") ? head.get("target_logit").asDouble()
                    : head.get("loss").asDouble());
        }
        double t = Math.PI / 3;
        double psi = -Math.cos(4 * t) - 2;   // k = ⌊4·60°/180°⌋ = 1: ψ = −cos 240° − 2 = −1.5
        assertEquals(0.5, target.get("softmax"), 1e-12);
        assertEquals(64 * 0.5, target.get("normface"), 1e-12);
        assertEquals((5 * 0.5 + psi) / 6, target.get("sphereface/original"), 1e-12);   // λ = 5 at iteration 10000
        assertEquals(30 * psi, target.get("sphereface/normalized"), 1e-12);
        assertEquals(64 * (0.5 - 0.35), target.get("cosface"), 1e-12);
        assertEquals(64 * Math.cos(t + 0.5), target.get("arcface/classic"), 1e-12);
        assertEquals(64 * Math.cos(t + 0.5), target.get("arcface/easy-margin"), 1e-12);
        assertEquals(64 * Math.cos(t + 0.5), target.get("arcface/detached"), 1e-12);
        assertEquals(64 * (Math.cos(t + 0.3) - 0.2), target.get("combined"), 1e-12);
        assertEquals(64 * Math.cos(t + 0.5), target.get("subcenter-arcface/classic"), 1e-12);
        assertEquals(0.5 * (2 - 2 * Math.cos(t)), target.get("center"), 1e-12);
        assertEquals(11, target.size());
    }

    @Test
    void tableAndOverrides() {
        Run run = run("heads", "--theta-deg", "170", "--head", "arcface", "--set", "arcface.m=0.3");
        assertEquals(0, run.exit(), run.err());
        // At 170° the classic ArcFace falls back to cos θ − m·sin(π − m).
        String classic = String.format(java.util.Locale.ROOT, "%.6g", 64 * (Math.cos(Math.toRadians(170)) - 0.3 * Math.sin(0.3)));
        assertTrue(run.out().contains(classic.replaceAll("0+$", "")), run.out());
        assertTrue(run.out().contains("mode=detached"), run.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        Run run = run("heads", "--set", "arcface.m=2");
        assertEquals(2, run.exit());
        assertEquals("hypersphere: error: m must be in [0, π/2) (an angular margin in radians), got 2", run.err().strip());
        Run unknown = run("heads", "--head", "arcfase");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("hypersphere: error: --head: unknown head 'arcfase'"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count());
    }
}
