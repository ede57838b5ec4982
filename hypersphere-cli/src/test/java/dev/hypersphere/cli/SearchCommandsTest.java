package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.eval.io.RowsFile;
import dev.hypersphere.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gallery / identify / verify / calibrate on generated grey images, embedded by a tiny ONNX model that needs no
 * training (an 8×6 thumbnail minus its mean: tools/make_search_fixtures.py), without a detector.
 */
class SearchCommandsTest {

    private record Run(int exit, String out, String err) {}

    @TempDir
    static Path dir;
    static Path model;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A 48×64 grey PGM: person {@code p}'s smooth pattern plus a little seeded noise per photo. */
    static Path photo(String name, int person, int shot) throws IOException {
        Random random = new Random(1000L * person + shot);
        int w = 48;
        int h = 64;
        byte[] header = ("P5\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] pixels = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128 + 90 * Math.sin((person + 1) * 0.9 * x / w * Math.PI + person) * Math.cos((person % 3 + 1) * 1.3 * y / h * Math.PI)
                        + 12 * random.nextGaussian();
                pixels[y * w + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
            }
        }
        Path file = dir.resolve("photos").resolve(name + ".pgm");
        Files.createDirectories(file.getParent());
        byte[] all = new byte[header.length + pixels.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(pixels, 0, all, header.length, pixels.length);
        Files.write(file, all);
        return file;
    }

    /** The fixture model copied into the temporary folder (calibrate writes next to it). */
    static Path copyModel(Path target) throws IOException {
        Files.createDirectories(target);
        for (String name : List.of("thumbnail-embedder.onnx", "thumbnail-embedder.onnx.json")) {
            try (InputStream in = SearchCommandsTest.class.getResourceAsStream(name)) {
                Files.copy(in, target.resolve(name));
            }
        }
        return target.resolve("thumbnail-embedder.onnx");
    }

    @BeforeAll
    static void setUp() throws IOException {
        model = copyModel(dir.resolve("model"));
        for (int person = 0; person < 3; person++) {
            for (int shot = 0; shot < 4; shot++) {
                photo("p" + person + "_" + shot, person, shot);
            }
        }
    }

    private static String photo(int person, int shot) {
        return dir.resolve("photos").resolve("p" + person + "_" + shot + ".pgm").toString();
    }

    @Test
    void enrollIdentifyListRemove() throws Exception {
        String gallery = dir.resolve("g1").toString();
        Run ann = run("gallery", "enroll", "--gallery", gallery, "--id", "ann", "--model", model.toString(), "--no-detect",
                photo(0, 0), photo(0, 1));
        assertEquals(0, ann.exit(), ann.err());
        assertTrue(ann.out().startsWith("enrolled 2 images as 'ann' (new identity, 2 in its template)"), ann.out());
        Run more = run("gallery", "enroll", "--gallery", gallery, "--id", "ann", "--model", model.toString(), "--no-detect",
                photo(0, 2), "--json");
        assertEquals(0, more.exit(), more.err());
        JsonNode moreJson = JSON.readTree(more.out());
        assertFalse(moreJson.get("new_identity").asBoolean());
        assertEquals(3, moreJson.get("images_total").asInt());
        assertEquals(0, run("gallery", "enroll", "--gallery", gallery, "--id", "bob", "--model", model.toString(), "--no-detect",
                photo(1, 0), photo(1, 1)).exit());

        Run who = run("identify", "--gallery", gallery, "--model", model.toString(), "--no-detect", "--top-k", "2", "--json",
                photo(0, 3), photo(1, 3));
        assertEquals(0, who.exit(), who.err());
        JsonNode doc = JSON.readTree(who.out());
        assertEquals("exact", doc.at("/index/kind").asText());
        assertFalse(doc.at("/threshold/calibrated").asBoolean());
        assertEquals(0.5, doc.at("/threshold/threshold").asDouble(), 0);
        JsonNode first = doc.at("/results/0/faces/0");
        assertEquals("ann", first.at("/top_k/0/id").asText());
        assertEquals("bob", first.at("/top_k/1/id").asText());
        assertEquals(first.get("best_cosine").asDouble() >= 0.5 ? "ann" : "unknown", first.get("decision").asText());
        assertEquals("bob", doc.at("/results/1/faces/0/top_k/0/id").asText());

        Run text = run("identify", "--gallery", gallery, "--model", model.toString(), "--no-detect", "--index", "hnsw", photo(1, 2));
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("index hnsw (asked for (--index hnsw))"), text.out());
        assertTrue(text.out().contains("threshold: cosine 0.5000: uncalibrated default, no FAR known"), text.out());
        assertTrue(text.out().contains("  1. bob"), text.out());

        Run list = run("gallery", "list", "--gallery", gallery, "--json");
        assertEquals(0, list.exit(), list.err());
        JsonNode listed = JSON.readTree(list.out());
        assertEquals(2, listed.get("identities").size());
        assertEquals(3, listed.at("/identities/0/images").asInt());
        assertEquals(photo(0, 2), listed.at("/identities/0/sources/2").asText());

        assertEquals(0, run("gallery", "remove", "--gallery", gallery, "--id", "bob").exit());
        Run missing = run("gallery", "remove", "--gallery", gallery, "--id", "bob");
        assertEquals(2, missing.exit());
        assertEquals("hypersphere: error: no identity 'bob' in gallery " + gallery, missing.err().strip());
    }

    @Test
    void aListEnrollsManyPeopleInOneRun() throws Exception {
        String gallery = dir.resolve("g-list").toString();
        Path list = dir.resolve("people.tsv");
        Files.writeString(list, "# id<TAB>photo\nann\t" + photo(0, 0) + "\nbob\t" + photo(1, 0) + "\nann\t" + photo(0, 1) + "\n");
        Run enrolled = run("gallery", "enroll", "--gallery", gallery, "--list", list.toString(), "--model", model.toString(),
                "--no-detect", "--json");
        assertEquals(0, enrolled.exit(), enrolled.err());
        JsonNode doc = JSON.readTree(enrolled.out());
        assertEquals(2, doc.get("identities").asInt());
        assertEquals(3, doc.get("images_enrolled").asInt());
        assertEquals("ann", doc.at("/enrolled/0/id").asText());
        assertEquals(2, doc.at("/enrolled/0/images_enrolled").asInt());
        Run listed = run("gallery", "list", "--gallery", gallery, "--json");
        assertEquals(2, JSON.readTree(listed.out()).at("/identities/0/images").asInt());

        Files.writeString(list, "ann " + photo(0, 0) + "\n");
        Run bad = run("gallery", "enroll", "--gallery", gallery, "--list", list.toString(), "--model", model.toString(), "--no-detect");
        assertEquals(2, bad.exit());
        assertEquals("hypersphere: error: " + list + " line 1: expected 'id<TAB>photo', got 'ann " + photo(0, 0) + "'",
                bad.err().strip());
        Run both = run("gallery", "enroll", "--gallery", gallery, "--list", list.toString(), "--id", "x", "--model",
                model.toString(), "--no-detect");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--list enrolls the people it names"), both.err());
    }

    @Test
    void aGalleryOfAnotherModelOrAnUnusablePolicyIsOneErrorLine() throws Exception {
        String gallery = dir.resolve("g2").toString();
        assertEquals(0, run("gallery", "enroll", "--gallery", gallery, "--id", "ann", "--model", model.toString(), "--no-detect",
                photo(0, 0)).exit());
        // The same network in another file: another model id (its bytes' hash is part of it... the file name is).
        Path other = copyModel(dir.resolve("other-model"));
        Path renamed = other.resolveSibling("renamed.onnx");
        Files.move(other, renamed);
        Files.move(other.resolveSibling("thumbnail-embedder.onnx.json"), renamed.resolveSibling("renamed.onnx.json"));
        Run wrong = run("identify", "--gallery", gallery, "--model", renamed.toString(), "--no-detect", photo(0, 1));
        assertEquals(2, wrong.exit());
        assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
        assertTrue(wrong.err().startsWith("hypersphere: error: gallery " + gallery + " was built with model "), wrong.err());

        Run all = run("gallery", "enroll", "--gallery", gallery, "--id", "x", "--model", model.toString(), "--no-detect",
                "--faces", "all", photo(0, 0));
        assertEquals(2, all.exit());
        assertTrue(all.err().contains("--faces all cannot enroll"), all.err());

        Run notAGallery = run("gallery", "list", "--gallery", dir.resolve("photos").toString());
        assertEquals(2, notAGallery.exit());
        assertTrue(notAGallery.err().startsWith("hypersphere: error: " + dir.resolve("photos").resolve("gallery.json") + ": missing"),
                notAGallery.err());
    }

    @Test
    void calibrateFromAnEvalReportThenVerifyStatesTheFar() throws Exception {
        // An eval verify report on generated embeddings: 12 identities, pairs within and across.
        Random random = new Random(9);
        int ids = 12;
        int per = 5;
        int d = 8;
        float[] data = new float[ids * per * d];
        List<String> labels = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int c = 0; c < ids; c++) {
            double[] centre = new double[d];
            for (int k = 0; k < d; k++) {
                centre[k] = random.nextGaussian();
            }
            for (int i = 0; i < per; i++) {
                for (int k = 0; k < d; k++) {
                    data[(c * per + i) * d + k] = (float) (centre[k] + 0.5 * random.nextGaussian());
                }
                labels.add("p" + c);
                paths.add("p" + c + "/" + i + ".png");
            }
        }
        Path eval = dir.resolve("eval");
        Files.createDirectories(eval);
        Npy.writeFloatMatrix(eval.resolve("e.npy"), data, ids * per, d);
        new RowsFile(labels, paths).write(eval.resolve("e.tsv"));
        StringBuilder pairs = new StringBuilder();
        for (int a = 0; a < ids * per; a++) {
            for (int b = a + 1; b < ids * per; b++) {
                pairs.append(a).append(' ').append(b).append(' ').append(a / per == b / per ? 1 : 0).append('\n');
            }
        }
        Files.writeString(eval.resolve("pairs.txt"), pairs);
        Run verify = run("eval", "verify", "--embeddings", eval.resolve("e.npy").toString(), "--pairs",
                eval.resolve("pairs.txt").toString(), "--protocol", "best-threshold", "--out", eval.resolve("report").toString());
        assertEquals(0, verify.exit(), verify.err());

        Path model = copyModel(dir.resolve("model-calibrated"));   // calibrate writes beside it: not the shared copy
        Run cal = run("calibrate", "--report", eval.resolve("report").toString(), "--far", "1e-2", "--model", model.toString(),
                "--no-detect", "--json");
        assertEquals(0, cal.exit(), cal.err());
        JsonNode c = JSON.readTree(cal.out());
        JsonNode reported = JSON.readTree(eval.resolve("report").resolve("report.json").toFile());
        JsonNode point = reported.at("/tar_at_far_detail/1");   // FAR 1e-2
        assertEquals(0.01, point.get("far_target").asDouble(), 0);
        assertEquals(point.get("threshold_cosine").asDouble(), c.get("threshold").asDouble(), 0);
        assertEquals(point.get("tar").asDouble(), c.get("tar").asDouble(), 0);
        assertTrue(Files.isRegularFile(dir.resolve("model-calibrated").resolve("thumbnail-embedder.onnx.calibration.json")));

        Run same = run("verify", "--model", model.toString(), "--no-detect", "--json", photo(2, 0), photo(2, 1));
        assertEquals(0, same.exit(), same.err());
        JsonNode s = JSON.readTree(same.out());
        assertTrue(s.at("/threshold/calibrated").asBoolean());
        assertEquals(0.01, s.at("/threshold/far_target").asDouble(), 0);
        assertEquals(c.get("threshold").asDouble(), s.at("/threshold/threshold").asDouble(), 0);
        double cosine = s.get("cosine").asDouble();
        assertEquals(cosine >= c.get("threshold").asDouble() ? "same" : "different", s.get("decision").asText());
        Run text = run("verify", "--model", model.toString(), "--no-detect", photo(2, 0), photo(1, 1));
        assertTrue(text.out().contains("calibrated for FAR 0.0100"), text.out());

        Run unreachable = run("calibrate", "--report", eval.resolve("report").toString(), "--far", "1e-5", "--model", model.toString(),
                "--no-detect");
        assertEquals(2, unreachable.exit());
        assertTrue(unreachable.err().contains("cannot be measured on"), unreachable.err());
    }
}
