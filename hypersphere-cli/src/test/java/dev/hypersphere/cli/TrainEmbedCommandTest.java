package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.io.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train → embed through the command line on tiny settings, what the summary calls the validation, and the
 * commands' bad-input paths (a failed start leaves no run folder).
 */
class TrainEmbedCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** As {@link #run}, with what training prints to its console (System.err) added to err. */
    private static Run runWithConsole(String... args) {
        java.io.PrintStream previous = System.err;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Run r = run(args);
            return new Run(r.exit(), r.out(), r.err() + console.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(previous);
        }
    }

    static final String[] TINY = {"--data.identities=24", "--data.images-per-identity=6", "--data.height=16",
        "--data.width=16", "--model.embedding-dim=16", "--train.batch-size=16", "--train.steps=30",
        "--train.validate-every=0", "--train.checkpoint-every=0", "--validation.pairs=100", "--schedule.warmup-steps=5"};

    @Test
    void trainThenEmbedAFolder(@TempDir Path tmp) throws Exception {
        Path runDir = tmp.resolve("run");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--preset", "demo", "--out", runDir.toString()));
        args.addAll(List.of(TINY));
        Run train = run(args.toArray(String[]::new));
        assertEquals(0, train.exit(), train.err());
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        double accuracy = report.get("accuracy").asDouble();   // learning itself is TrainingTest's concern
        assertTrue(accuracy >= 0 && accuracy <= 1, report.toString());
        assertTrue(train.out().contains("run folder: " + runDir), train.out());
        assertEquals(30, report.get("steps").asInt());
        assertTrue(train.out().contains(": open-set verification (identities unseen in training), best accuracy "), train.out());
        assertEquals("open-set", report.path("validation").path("protocol").asText());

        // An image folder of 2 identities × 3 PNGs drawn from other synthetic faces.
        Path images = tmp.resolve("images");
        try (SyntheticFaces faces = new SyntheticFaces(2, 3, 1, 16, 16, 99)) {
            for (int i = 0; i < faces.size(); i++) {
                Path file = images.resolve("person" + faces.label(i)).resolve(i + ".png");
                Files.createDirectories(file.getParent());
                dev.hypersphere.data.Sample sample = faces.get(i);
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int v = Math.round(sample.pixels()[y * 16 + x]);
                        image.setRGB(x, y, (v << 16) | (v << 8) | v);
                    }
                }
                javax.imageio.ImageIO.write(image, "png", file.toFile());
            }
        }
        Path out = tmp.resolve("emb.npy");
        Run embed = run("embed", "--model", runDir.toString(), "--data", images.toString(), "--out", out.toString());
        assertEquals(0, embed.exit(), embed.err());
        Npy.FloatMatrix matrix = Npy.readFloatMatrix(out);
        assertEquals(6, matrix.rows());
        assertEquals(16, matrix.cols());
        List<String> rows = Files.readAllLines(tmp.resolve("emb.tsv"));
        assertEquals("person0\tperson0/0.png", rows.get(0));
        assertEquals(6, rows.size());
        assertTrue(Files.exists(tmp.resolve("emb.norms.npy")));
    }

    @Test
    void failedStartsLeaveNoFolderAndTrainingIdentitiesAreNotOpenSet(@TempDir Path tmp) throws Exception {
        Path runDir = tmp.resolve("run");
        for (String bad : new String[] {"--head.params.m=wide", "--model.backbone=resnet-nope", "--train.batch-size=0"}) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--preset", "demo", "--out", runDir.toString()));
            args.addAll(List.of(TINY));
            args.add(bad);
            Run failed = run(args.toArray(String[]::new));
            assertEquals(2, failed.exit(), bad + ": " + failed.err());
            assertEquals(1, failed.err().strip().lines().count(), failed.err());
            assertTrue(failed.err().startsWith("hypersphere: error: "), failed.err());
            assertTrue(!Files.exists(runDir), bad + " left " + runDir);
        }

        // The same --out now trains: split none without a test path validates on the training images (24 × 6),
        // which hold 360 distinct same-identity pairs of the 10,296: 1,000 requested pairs are capped at 720.
        List<String> args = new java.util.ArrayList<>(List.of("train", "--preset", "demo", "--out", runDir.toString()));
        args.addAll(List.of(TINY));
        args.addAll(List.of("--data.split=none", "--validation.pairs=1000"));
        Run train = runWithConsole(args.toArray(String[]::new));
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains(": verification on training identities (closed-set), best accuracy "), train.out());
        assertTrue(!train.out().contains("open-set"), train.out());
        assertTrue(train.err().contains("validation: verification on training identities (closed-set), 144 held-out images "
                + "of 24 identities"), train.err());
        List<String> warnings = train.err().lines().filter(l -> l.contains("warning: ")).toList();
        assertEquals(List.of("warning: validation.pairs is 1000, but the held-out set (144 images, 24 identities) holds only "
                + "10296 distinct pairs (360 same-identity, 9936 different): validating on 720 (360 of each kind)"), warnings);
        JsonNode validation = new ObjectMapper().readTree(runDir.resolve("report.json").toFile()).path("validation");
        assertEquals("closed-set", validation.path("protocol").asText());
        assertEquals(1000, validation.path("pairs_requested").asInt());
        assertEquals(720, validation.path("pairs").asInt());
        assertEquals(10296, validation.path("distinct_pairs_available").asInt());
    }

    @Test
    void badInput(@TempDir Path tmp) {
        Run typo = run("train", "--preset", "demo", "--out", tmp.resolve("r").toString(), "--train.stepz=3");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("hypersphere: error: unknown key 'train.stepz' in the command line; valid keys under train:"),
                typo.err());
        Run missing = run("embed", "--model", tmp.resolve("nothing").toString(), "--data", tmp.toString(), "--out",
                tmp.resolve("e.npy").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("is not a hypersphere run folder"), missing.err());
        assertEquals(1, missing.err().strip().lines().count());
    }
}
