package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.face.RgbImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval verify --images} and {@code eval all-pairs} on generated face crops (--no-detect, the face module's tiny
 * ONNX embedder): reports with the counts, both protocols, the people check; bad input is one line and exit 2.
 */
class EvalPhotosCommandTest {

    private record Run(int exit, String out, String err) {}

    @TempDir
    static Path dir;
    static Path model;

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** 8 people × 3 noisy 112×112 crops under photos/lfw/; 4 folds of 2 same + 2 different pairs, people disjoint. */
    @BeforeAll
    static void makeData() throws IOException {
        Path fixture = Path.of(System.getProperty("user.dir")).resolveSibling("hypersphere-face")
                .resolve("src/test/resources/dev/hypersphere/face/embed/tiny_embedder.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(fixture), "fixture " + fixture + " not found");
        model = Files.copy(fixture, dir.resolve("tiny.onnx"));
        SplittableRandom random = new SplittableRandom(2);
        for (int p = 0; p < 8; p++) {
            for (int i = 1; i <= 3; i++) {
                float[] planes = new float[3 * 112 * 112];
                for (int k = 0; k < planes.length; k++) {
                    planes[k] = (float) Math.max(0, Math.min(255, (k * (p + 3)) % 251 + random.nextDouble(-30, 30)));
                }
                Path file = dir.resolve("photos/lfw/P" + p + "/P" + p + "_000" + i + ".jpg");
                Files.createDirectories(file.getParent());
                new RgbImage(112, 112, planes).writePng(file);   // PNG bytes under a .jpg name: decoded by content
            }
        }
        StringBuilder pairs = new StringBuilder("4\t2\n");
        for (int f = 0; f < 4; f++) {
            int a = 2 * f;
            int b = 2 * f + 1;
            pairs.append(String.format("P%d\t1\t2%nP%d\t1\t3%nP%d\t3\tP%d\t2%nP%d\t1\tP%d\t1%n", a, b, a, b, a, b));
        }
        Files.writeString(dir.resolve("pairs.txt"), pairs.toString());
    }

    @Test
    void verifyEmbedsThePhotosAndReportsBothProtocolsAndCounts() throws IOException {
        Path out = dir.resolve("verify");
        Run run = run("eval", "verify", "--pairs", dir.resolve("pairs.txt").toString(), "--images", dir.resolve("photos").toString(),
                "--model", model.toString(), "--no-detect", "--threads", "2", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("accuracy sphereface") && run.out().contains("24 embedded"), run.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(report.get("accuracy_by_protocol").has("insightface") && report.get("accuracy_by_protocol").has("sphereface"));
        assertEquals(24, report.get("images").get("images").asInt());
        assertEquals(0, report.get("images").get("centre_crop_fallbacks").asInt());
        assertTrue(report.get("people_disjoint").get("holds").asBoolean());
        assertEquals("lfw/", report.get("input").get("images_root").asText());
        assertEquals("sum", report.get("protocol_parameters").get("flip").asText());
        assertEquals(4, report.get("fold_accuracy").size());
        assertTrue(Files.exists(out.resolve("roc.png")) && Files.exists(out.resolve("pair_angles.svg")));

        Path some = dir.resolve("verify-some");
        Run subset = run("eval", "verify", "--pairs", dir.resolve("pairs.txt").toString(), "--images", dir.resolve("photos").toString(),
                "--model", model.toString(), "--no-detect", "--folds", "0,2", "--flip", "none", "--out", some.toString());
        assertEquals(0, subset.exit(), subset.err());
        JsonNode part = new ObjectMapper().readTree(some.resolve("report.json").toFile());
        assertEquals("[0,2]", part.get("folds_scored").toString());
        assertEquals(12, part.get("images").get("images").asInt());
    }

    @Test
    void allPairsScoresEveryPairAndIdentifies() throws IOException {
        Path out = dir.resolve("all-pairs");
        Run run = run("eval", "all-pairs", "--images", dir.resolve("photos").toString(), "--model", model.toString(), "--no-detect",
                "--pairs", dir.resolve("pairs.txt").toString(), "--folds", "1,2,3", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(6, report.get("selection").get("people").asInt());
        assertEquals(18L * 17 / 2, report.get("pairs").get("total").asLong());
        assertEquals(6 * 3, report.get("pairs").get("genuine").asLong());
        assertTrue(report.has("auc") && report.get("tar_at_far_detail").size() == 6);
        assertEquals(6, report.get("identification").get("gallery_identities").asInt());
        assertTrue(Files.exists(out.resolve("roc.svg")));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        String pairs = dir.resolve("pairs.txt").toString();
        String photos = dir.resolve("photos").toString();
        String out = dir.resolve("bad").toString();
        Path missing = dir.resolve("missing-pairs.txt");
        Files.writeString(missing, "2\t1\nP0\t1\t2\nP0\t1\tP1\t1\nP2\t1\t9\nP2\t1\tP3\t1\n");
        assertOneLine(run("eval", "verify", "--pairs", missing.toString(), "--images", photos, "--model", model.toString(),
                "--no-detect", "--out", out), missing + " line 4: image P2/P2_0009.jpg (any image ending) is not in " + photos + " (under lfw/)");
        assertOneLine(run("eval", "verify", "--pairs", pairs, "--images", photos, "--model", model.toString(), "--no-detect",
                "--folds", "3", "--out", out), "at least 2");
        assertOneLine(run("eval", "verify", "--pairs", pairs, "--images", photos, "--model", model.toString(), "--no-detect",
                "--folds", "0,7", "--out", out), "holds folds 0..3 (numbered from 0), not 7");
        assertOneLine(run("eval", "verify", "--pairs", pairs, "--images", photos, "--model", model.toString(), "--no-detect",
                "--flip", "concat", "--out", out), "--flip sum (default) or none");
        assertOneLine(run("eval", "all-pairs", "--images", photos, "--model", model.toString(), "--no-detect", "--min-images", "4",
                "--out", out), "no person has 4 or more photos");
        Path people = dir.resolve("people.txt");
        Files.writeString(people, "# two\nP1\nNobody\n");
        assertOneLine(run("eval", "all-pairs", "--images", photos, "--model", model.toString(), "--no-detect", "--people",
                people.toString(), "--out", out), "e.g. 'Nobody'");
        if (System.getenv(FacePipelineMixin.DETECTOR_SETTING) == null) {
            assertOneLine(run("eval", "verify", "--pairs", pairs, "--images", photos, "--model", model.toString(), "--out", out),
                    "--images needs a face detector");
        }
        assertTrue(Files.notExists(dir.resolve("bad").resolve("report.json")), "nothing half-written");
    }

    private static void assertOneLine(Run run, String fragment) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("hypersphere: error: ") && run.err().contains(fragment), run.err());
    }
}
