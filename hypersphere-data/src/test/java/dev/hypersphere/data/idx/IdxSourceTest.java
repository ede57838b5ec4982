package dev.hypersphere.data.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.io.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files made here byte by byte (plain and gzipped), their errors, and MNIST / Fashion-MNIST when present. */
class IdxSourceTest {

    @TempDir
    Path dir;

    /** Three 2×3 images with pixel (i, r, c) = 100·i + 10·r + c, labels 7, 0, 9. */
    private static byte[] images() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(3);
        out.writeInt(2);
        out.writeInt(3);
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    out.writeByte(100 * i + 10 * r + c);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void plainAndGzippedFilesGiveTheWrittenPixelsAndLabels() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images());
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(7, 0, 9)));
        IdxSource source = IdxSource.openSplit(dir, "train", 1);
        assertEquals(3, source.size());
        assertEquals(7, source.label(0));
        assertEquals(9, source.label(2));
        Sample s = source.get(2);
        assertEquals(2, s.height());
        assertEquals(3, s.width());
        assertEquals(9, s.label());
        // 100·2 + 10·1 + 2 = 212: an unsigned byte, not −44
        assertEquals(212f, s.pixels()[1 * 3 + 2]);
        Sample rgb = IdxSource.openSplit(dir, "train", 3).get(1);
        assertEquals(3, rgb.channels());
        assertEquals(rgb.pixels()[4], rgb.pixels()[6 + 4]);
        assertEquals(111f, rgb.pixels()[12 + 4]);
    }

    @Test
    void badMagicTruncationAndCountMismatchAreErrorsNamingTheFile() throws IOException {
        Path images = dir.resolve("i.idx");
        Path labels = dir.resolve("l.idx");
        Files.write(images, images());
        Files.write(labels, labels(1, 2));
        MalformedDataException count = assertThrows(MalformedDataException.class, () -> IdxSource.open(images, labels, 1));
        assertEquals(images + " holds 3 images but " + labels + " holds 2 labels", count.getMessage());

        MalformedDataException magic = assertThrows(MalformedDataException.class, () -> IdxSource.open(labels, labels, 1));
        assertEquals(labels + ": bad IDX magic 0x00000801 (expected 0x00000803: unsigned bytes in 3 dimensions)", magic.getMessage());

        byte[] whole = images();
        Files.write(images, Arrays.copyOf(whole, whole.length - 5));
        Files.write(labels, labels(1, 2, 3));
        MalformedDataException cut = assertThrows(MalformedDataException.class, () -> IdxSource.open(images, labels, 1));
        assertEquals(images + ": truncated IDX file (header [3, 2, 3] needs 18 bytes of values, found 13)", cut.getMessage());

        Files.write(images, images());
        Files.write(labels, labels(1, 2, 12));
        MalformedDataException range = assertThrows(MalformedDataException.class, () -> IdxSource.open(images, labels, 1));
        assertTrue(range.getMessage().contains("label 12 at index 2 is outside [0, 10)"), range.getMessage());
    }

    private static void assumePresent(String name) {
        Assumptions.assumeTrue(SharedData.resolve(name).isPresent(), SharedData.missing(name));
    }

    @Test
    void mnistHasSixtyThousandAndTenThousandDigitsStartingWithFiveAndSeven() throws IOException {
        assumePresent("mnist");
        Path mnist = SharedData.resolve("mnist").orElseThrow();
        IdxSource train = IdxSource.openSplit(mnist, "train", 1);
        IdxSource test = IdxSource.openSplit(mnist, "test", 1);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(28, train.rows());
        assertEquals(28, train.columns());
        assertEquals(5, train.label(0));
        assertEquals(7, test.label(0));
        Sample first = train.get(0);
        assertEquals(28 * 28, first.pixels().length);
        float max = 0;
        for (float p : first.pixels()) {
            max = Math.max(max, p);
        }
        assertEquals(255f, max);
    }

    @Test
    void fashionMnistCounts() throws IOException {
        assumePresent("fashion-mnist");
        Path fashion = SharedData.resolve("fashion-mnist").orElseThrow();
        IdxSource train = IdxSource.openSplit(fashion, "train", 1);
        IdxSource test = IdxSource.openSplit(fashion, "t10k", 1);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        int[] perClass = new int[10];
        for (int i = 0; i < test.size(); i++) {
            perClass[test.label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count);
        }
    }
}
