package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.io.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's session on real faces (ORL): enroll two people, identify a third photo of one of them, calibrate on
 * the built-in ORL pairs and see identify state the FAR; with the YuNet model present, a photo without a face is
 * refused by enroll and reported by identify. Skipped without the shared data.
 */
class SearchOrlEndToEndTest {

    @TempDir
    Path dir;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void enrollTwoOrlPeopleIdentifyAThirdPhotoAndCalibrate() throws Exception {
        Optional<Path> orlRoot = SharedData.resolve("orl");
        assumeTrue(orlRoot.isPresent(), SharedData.missing("orl"));
        Path orl = orlRoot.get();
        String model = SearchCommandsTest.copyModel(dir.resolve("model")).toString();
        String gallery = dir.resolve("gallery").toString();
        for (String person : new String[] {"s1", "s2"}) {
            Run r = run("gallery", "enroll", "--gallery", gallery, "--id", person, "--model", model, "--no-detect",
                    orl.resolve(person + "/1.pgm").toString(), orl.resolve(person + "/2.pgm").toString(),
                    orl.resolve(person + "/3.pgm").toString());
            assertEquals(0, r.exit(), r.err());
        }
        Run who = run("identify", "--gallery", gallery, "--model", model, "--no-detect", "--json",
                orl.resolve("s1/9.pgm").toString(), orl.resolve("s2/9.pgm").toString());
        assertEquals(0, who.exit(), who.err());
        JsonNode doc = JSON.readTree(who.out());
        assertEquals("s1", doc.at("/results/0/faces/0/top_k/0/id").asText());
        assertEquals("s2", doc.at("/results/1/faces/0/top_k/0/id").asText());

        Run cal = run("calibrate", "--pairs", "builtin:orl", "--images", orl.toString(), "--far", "1e-2", "--gallery", gallery,
                "--model", model, "--no-detect", "--json");
        assertEquals(0, cal.exit(), cal.err());
        JsonNode c = JSON.readTree(cal.out());
        assertEquals(1800, c.get("negatives").asInt());
        assertTrue(c.get("far_achieved").asDouble() <= 1e-2, cal.out());
        Run after = run("identify", "--gallery", gallery, "--model", model, "--no-detect", "--json", orl.resolve("s1/9.pgm").toString());
        JsonNode afterDoc = JSON.readTree(after.out());
        assertTrue(afterDoc.at("/threshold/calibrated").asBoolean());
        assertEquals(0.01, afterDoc.at("/threshold/far_target").asDouble(), 0);
        double best = afterDoc.at("/results/0/faces/0/best_cosine").asDouble();
        assertEquals(best >= c.get("threshold").asDouble() ? "s1" : "unknown", afterDoc.at("/results/0/faces/0/decision").asText());

        Optional<Path> yunet = SharedData.models().map(m -> m.resolve("yunet/yunet_s_dynamic.onnx")).filter(Files::isRegularFile);
        if (yunet.isPresent()) {
            Path blank = dir.resolve("wall.pgm");
            byte[] header = "P5\n92 112\n255\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] all = java.util.Arrays.copyOf(header, header.length + 92 * 112);
            java.util.Arrays.fill(all, header.length, all.length, (byte) 140);
            Files.write(blank, all);
            String fresh = dir.resolve("fresh").toString();
            Run refused = run("gallery", "enroll", "--gallery", fresh, "--id", "s3", "--model", model, "--detector",
                    yunet.get().toString(), orl.resolve("s3/1.pgm").toString(), blank.toString());
            assertEquals(2, refused.exit());
            assertEquals("hypersphere: error: no face found in " + blank + ": nothing enrolled (enroll only photos that show the person's face)",
                    refused.err().strip());
            assertFalse(Files.exists(Path.of(fresh)));
            Run none = run("identify", "--gallery", gallery, "--model", model, "--detector", yunet.get().toString(), blank.toString());
            assertEquals(0, none.exit(), none.err());
            assertTrue(none.out().contains(blank + ": no face found in " + blank), none.out());
        }
    }
}
