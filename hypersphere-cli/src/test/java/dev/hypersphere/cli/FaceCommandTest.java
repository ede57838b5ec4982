package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.ImageDecoder;
import dev.hypersphere.data.transform.Bilinear;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.io.Npy;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hypersphere face detect|embed} on small scenes, and their bad-input paths. */
class FaceCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The face module's tiny ONNX embedder fixture (tools/make_face_fixtures.py), copied into {@code dir}. */
    private static Path tinyEmbedder(Path dir) throws IOException {
        Path fixture = Path.of(System.getProperty("user.dir")).resolveSibling("hypersphere-face")
                .resolve("src/test/resources/dev/hypersphere/face/embed/tiny_embedder.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(fixture), "fixture " + fixture + " not found");
        return Files.copy(fixture, dir.resolve("tiny.onnx"));
    }

    private static Path yunet() {
        Path model = SharedData.model("yunet/yunet_s_dynamic.onnx").orElse(null);
        Assumptions.assumeTrue(model != null, SharedData.missing("../models/yunet/yunet_s_dynamic.onnx"));
        return model;
    }

    /** ORL subject 1's first face, doubled in size, on a 400×300 grey gradient at (120, 40). */
    private static Path scene(Path dir, String name) throws IOException {
        Path orl = SharedData.resolve("orl/s1/1.pgm").orElse(null);
        Assumptions.assumeTrue(orl != null, SharedData.missing("orl"));
        DecodedImage face = ImageDecoder.decode(Files.readAllBytes(orl), 3, orl.toString());
        float[] big = Bilinear.resize(face.pixels(), 3, 112, 92, 224, 184);
        int w = 400;
        int h = 300;
        float[] planes = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean inside = x >= 120 && x < 120 + 184 && y >= 40 && y < 40 + 224;
                    planes[(c * h + y) * w + x] = inside ? big[(c * 224 + y - 40) * 184 + x - 120] : 60 + 0.3f * x;
                }
            }
        }
        Path file = dir.resolve(name);
        new RgbImage(w, h, planes).writePng(file);
        return file;
    }

    @Test
    void detectPrintsJsonAndWritesAlignedCrops(@TempDir Path tmp) throws IOException {
        Path detector = yunet();
        Path image = scene(tmp, "scene.png");
        Path out = tmp.resolve("crops");
        Run detect = run("face", "detect", image.toString(), "--detector", detector.toString(), "--json", "--out", out.toString());
        assertEquals(0, detect.exit(), detect.err());
        JsonNode doc = new ObjectMapper().readTree(detect.out());
        JsonNode faces = doc.get("images").get(0).get("faces");
        assertEquals(1, faces.size(), detect.out());
        JsonNode box = faces.get(0).get("box");
        double cx = box.get(0).asDouble() + box.get(2).asDouble() / 2;
        assertTrue(cx > 120 + 60 && cx < 120 + 124, "box centre x " + cx);
        assertTrue(faces.get(0).get("score").asDouble() >= 0.6);
        assertEquals(2, faces.get(0).get("landmarks").get("nose").size());
        Path crop = out.resolve("scene.face0.png");
        DecodedImage aligned = ImageDecoder.decode(Files.readAllBytes(crop), 3, crop.toString());
        assertEquals(112, aligned.width());
        assertEquals(112, aligned.height());
        assertEquals(doc, new ObjectMapper().readTree(out.resolve("detections.json").toFile()));

        Run table = run("face", "detect", image.toString(), "--detector", detector.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith(image + ": 1 face\n  score "), table.out());
    }

    @Test
    void embedWritesNpyRowsAndJson(@TempDir Path tmp) throws IOException {
        Path model = tinyEmbedder(tmp);
        Path folder = tmp.resolve("alice");
        Files.createDirectories(folder);
        for (int k = 0; k < 3; k++) {
            float[] planes = new float[3 * 100 * 80];
            Arrays.fill(planes, 40f * k);
            new RgbImage(80, 100, planes).writePng(folder.resolve(k + ".png"));
        }
        Path out = tmp.resolve("emb.npy");
        Run embed = run("face", "embed", "--model", model.toString(), "--no-detect", folder.toString(), "--out", out.toString());
        assertEquals(0, embed.exit(), embed.err());
        assertTrue(embed.out().startsWith("3 face embeddings of dimension 16 from 3 images (0 without a face)"), embed.out());
        Npy.FloatMatrix matrix = Npy.readFloatMatrix(out);
        assertEquals(3, matrix.rows());
        assertEquals(16, matrix.cols());
        double norm = 0;
        for (float v : matrix.row(1)) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-5);
        List<String> rows = Files.readAllLines(tmp.resolve("emb.tsv"));
        assertEquals("alice\t" + folder.resolve("0.png"), rows.get(0));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("emb.json").toFile());
        assertTrue(json.get("model_id").asText().startsWith("tiny.onnx@sha256:"), json.toString());
        assertTrue(json.get("detector").isNull());
    }

    @Test
    void embedWithDetectionCountsImagesWithoutAFace(@TempDir Path tmp) throws IOException {
        Path detector = yunet();
        Path model = tinyEmbedder(tmp);
        Path face = scene(tmp, "face.png");
        float[] flat = new float[3 * 200 * 200];
        Arrays.fill(flat, 90f);
        Path empty = tmp.resolve("empty.png");
        new RgbImage(200, 200, flat).writePng(empty);
        Path out = tmp.resolve("e.npy");
        Run embed = run("face", "embed", "--model", model.toString(), "--detector", detector.toString(), "--faces", "all", "--flip",
                face.toString(), empty.toString(), "--out", out.toString());
        assertEquals(0, embed.exit(), embed.err());
        assertEquals(1, Npy.readFloatMatrix(out).rows());
        assertEquals(List.of(tmp.getFileName() + "\t" + face + "#0"), Files.readAllLines(tmp.resolve("e.tsv")));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("e.json").toFile());
        assertEquals(empty.toString(), json.get("images_without_face").get(0).asText());
        assertTrue(json.get("flip_fusion").asBoolean());
    }

    @Test
    void badInputIsOneLine(@TempDir Path tmp) throws IOException {
        Path model = tinyEmbedder(tmp);
        Run missing = run("face", "embed", "--model", model.toString(), "--no-detect", tmp.resolve("nope.jpg").toString(),
                "--out", tmp.resolve("x.npy").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("hypersphere: error: ") && missing.err().contains("nope.jpg"), missing.err());
        assertEquals(1, missing.err().strip().lines().count());

        Files.writeString(tmp.resolve("bad.png"), "garbage");
        Run corrupt = run("face", "embed", "--model", model.toString(), "--no-detect", tmp.resolve("bad.png").toString(),
                "--out", tmp.resolve("x.npy").toString());
        assertEquals(2, corrupt.exit());
        assertTrue(corrupt.err().contains("bad.png"), corrupt.err());
        assertTrue(Files.notExists(tmp.resolve("x.npy")), "nothing written on failure");

        Run both = run("face", "embed", "--model", model.toString(), "--no-detect", "--detector", model.toString(),
                tmp.resolve("bad.png").toString(), "--out", tmp.resolve("x.npy").toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--detector and --no-detect exclude each other"), both.err());

        Run notYunet = run("face", "detect", tmp.resolve("bad.png").toString(), "--detector", model.toString());
        assertEquals(2, notYunet.exit());
        assertTrue(notYunet.err().contains("not a YuNet face detector"), notYunet.err());

        Run policy = run("face", "embed", "--model", model.toString(), "--faces", "first", "--no-detect",
                tmp.resolve("bad.png").toString(), "--out", tmp.resolve("x.npy").toString());
        assertEquals(2, policy.exit());
        assertTrue(policy.err().contains("largest, central, all or fail"), policy.err());
    }

    @Test
    void facePackWritesAPackAndItsReportOrOneErrorLine(@TempDir Path tmp) throws IOException {
        Path detector = yunet();
        Path photos = tmp.resolve("photos");
        Files.createDirectories(photos.resolve("ann"));
        scene(photos.resolve("ann"), "1.png");
        scene(photos.resolve("ann"), "2.png");
        Run packed = run("face", "pack", "--images", photos.toString(), "--detector", detector.toString(), "--size", "64,64",
                "--out", tmp.resolve("pack/train").toString(), "--json");
        assertEquals(0, packed.exit(), packed.err());
        assertTrue(packed.out().contains("\"packed\" : 2"), packed.out());
        for (String file : List.of("train.rec", "train.idx", "property", "train.classes.tsv", "train.landmarks.tsv",
                "train.report.json", "train.report.md")) {
            assertTrue(Files.isRegularFile(tmp.resolve("pack").resolve(file)), file);
        }

        Run all = run("face", "pack", "--images", photos.toString(), "--detector", detector.toString(), "--faces", "all",
                "--out", tmp.resolve("other/train").toString());
        assertEquals(2, all.exit());
        assertEquals(1, all.err().strip().lines().count(), all.err());
        assertTrue(all.err().contains("--faces must be largest, central or fail"), all.err());
        Run size = run("face", "pack", "--images", photos.toString(), "--detector", detector.toString(), "--size", "64",
                "--out", tmp.resolve("other/train").toString());
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("--size takes two numbers H,W"), size.err());
        Run missing = run("face", "pack", "--images", tmp.resolve("nowhere").toString(), "--detector", detector.toString(),
                "--out", tmp.resolve("other/train").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--images: no such folder or archive"), missing.err());
        assertTrue(Files.notExists(tmp.resolve("other")), "nothing written by a failed start");
    }
}
