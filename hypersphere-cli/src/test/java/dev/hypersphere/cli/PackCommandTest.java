package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.recordio.RecordIoSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hypersphere pack}: outputs, progress line, JSON summary, and one-line errors for bad input. */
class PackCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Two identities of two 8×6 images each, flat colours. */
    private Path folder() throws IOException {
        Path root = dir.resolve("faces");
        int[][] colours = {{200, 20, 20}, {20, 200, 20}, {20, 20, 200}, {120, 120, 120}};
        for (int i = 0; i < 4; i++) {
            Path file = root.resolve(i < 2 ? "ann" : "bob").resolve(i + ".png");
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(6, 8, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 6; x++) {
                    image.setRGB(x, y, colours[i][0] << 16 | colours[i][1] << 8 | colours[i][2]);
                }
            }
            ImageIO.write(image, "png", file.toFile());
        }
        return root;
    }

    @Test
    void packsAFolderWithProgressAndASummary() throws IOException {
        Path root = folder();
        Run run = run("pack", "--images", root.toString(), "--out", dir.resolve("pack/train").toString(), "--quality", "90");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("pack: 4/4 images (100.0%)"), run.err());
        assertTrue(run.err().contains("done in"), run.err());
        assertTrue(run.out().startsWith("packed 4 images of 2 classes (8×6, 3 channels, JPEG quality 90) into "), run.out());
        assertEquals("2,8,6\n", Files.readString(dir.resolve("pack/property")));
        try (RecordIoSource pack = RecordIoSource.open(dir.resolve("pack/train.rec"), 3)) {
            assertEquals(4, pack.size());
            assertEquals(1, pack.label(3));
            Sample blue = pack.get(2);
            assertEquals(200, blue.pixels()[2 * 48], 6);   // JPEG: close to the flat colour
            assertEquals(20, blue.pixels()[0], 6);
        }
    }

    @Test
    void jsonSummaryAndResizeToGrey() throws IOException {
        Path root = folder();
        Run run = run("pack", "--images", root.toString(), "--out", dir.resolve("g/train").toString(), "--channels", "1",
                "--size", "4,5", "--encoding", "png", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(4, doc.get("images").asInt());
        assertEquals(2, doc.get("classes").asInt());
        assertEquals(4, doc.get("height").asInt());
        assertEquals(5, doc.get("width").asInt());
        assertEquals("png", doc.get("encoding").asText());
        assertEquals(0, doc.get("skipped").asInt());
        try (RecordIoSource pack = RecordIoSource.open(dir.resolve("g/train.rec"), 1)) {
            assertEquals(0.299 * 200 + 0.587 * 20 + 0.114 * 20, pack.get(0).pixels()[0], 0.51);   // luma, rounded to a byte
        }
    }

    @Test
    void badImagesFailWithOneLineOrAreSkippedAndReported() throws IOException {
        Path root = folder();
        Files.writeString(root.resolve("bob/broken.jpg"), "not a jpeg");
        Run failed = run("pack", "--images", root.toString(), "--out", dir.resolve("f/train").toString());
        assertEquals(2, failed.exit());
        String lastLine = failed.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(lastLine.startsWith("hypersphere: error: " + root.resolve("bob/broken.jpg") + ": not a JPEG"), failed.err());
        assertFalse(Files.exists(dir.resolve("f/train.rec")));

        Run skipped = run("pack", "--images", root.toString(), "--out", dir.resolve("s/train").toString(), "--on-bad-image", "skip");
        assertEquals(0, skipped.exit(), skipped.err());
        assertTrue(skipped.out().contains("packed 4 images of 2 classes"), skipped.out());
        assertTrue(skipped.out().contains("skipped 1 unreadable image:"), skipped.out());
        assertTrue(skipped.out().contains("broken.jpg"), skipped.out());
    }

    @Test
    void badArgumentsAreOneLineAndExitCodeTwo() throws IOException {
        Run missing = run("pack", "--images", dir.resolve("nope").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, missing.exit());
        assertEquals("hypersphere: error: --images: no such folder or archive: " + dir.resolve("nope"), missing.err().strip());
        Path root = folder();
        Run channels = run("pack", "--images", root.toString(), "--out", dir.resolve("x").toString(), "--channels", "2");
        assertEquals(2, channels.exit());
        assertEquals("hypersphere: error: --channels must be 1 (grey) or 3 (RGB), got 2", channels.err().strip());
        Files.createDirectories(root.resolve("empty"));
        Run empty = run("pack", "--images", root.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().strip().startsWith("hypersphere: error: " + root + ": 1 class folder(s) hold no images: empty"),
                empty.err());
    }
}
