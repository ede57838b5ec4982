package dev.hypersphere.eval.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.eval.embed.BinEmbedding;
import dev.hypersphere.eval.embed.ImageEmbedder;
import dev.hypersphere.eval.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .bin files written by {@code tools/make_insightface_bin.py}: a Python 2 pickle of JPEG bytes and Python 3 pickles
 * of bytes and of numpy arrays (protocols 2 and 5); images follow the script's closed form
 * R = (16x + 7i) mod 256, G = (16y + 13i) mod 256, B = 40i mod 256.
 */
class InsightFaceBinTest {

    private static final boolean[] ISSAME = {true, false, true, true, false, false};

    private static int expected(int channel, int image, int x, int y) {
        return switch (channel) {
            case 0 -> (16 * x + 7 * image) % 256;
            case 1 -> (16 * y + 13 * image) % 256;
            default -> (40 * image) % 256;
        };
    }

    private static int maxError(InsightFaceBin.Contents contents, boolean flip) throws IOException {
        int worst = 0;
        float[] chw = new float[3 * 16 * 16];
        for (int i = 0; i < contents.images().size(); i++) {
            Images.toChw(contents.images().get(i), 16, 16, flip, chw, 0, "image " + i);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int sourceX = flip ? 15 - x : x;
                        worst = Math.max(worst, Math.abs((int) chw[c * 256 + y * 16 + x] - expected(c, i, sourceX, y)));
                    }
                }
            }
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(strings = {"py3_bytes_png.bin", "py3_numpy_png.bin", "py3_numpy_protocol2_png.bin"})
    void readsPython3PicklesOfBytesAndNumpyArraysExactly(String name) throws IOException {
        InsightFaceBin.Contents contents = InsightFaceBin.read(Fixtures.resource("/bin/" + name));
        assertArrayEquals(ISSAME, contents.issame());
        assertEquals(12, contents.images().size());
        assertEquals(0, maxError(contents, false), "PNG is lossless");
        assertEquals(0, maxError(contents, true), "the flipped view is the mirror image");
    }

    @Test
    void readsThePython2PickleOfJpegStrings() throws IOException {
        InsightFaceBin.Contents contents = InsightFaceBin.read(Fixtures.resource("/bin/py2_jpeg.bin"));
        assertArrayEquals(ISSAME, contents.issame());
        assertEquals((byte) 0xFF, contents.images().get(0).bytes()[0], "Latin-1 text turned back into the JPEG's bytes");
        assertEquals((byte) 0xD8, contents.images().get(0).bytes()[1]);
        int error = maxError(contents, false);
        assertTrue(error <= 12, "JPEG at quality 95 stays close to the drawn values, worst error " + error);
    }

    @Test
    void unreadableFilesGiveOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.resource("/bin/py3_bytes_png.bin"));
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        IOException e = assertThrows(IOException.class, () -> InsightFaceBin.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": not a readable insightface .bin pickle"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        Path text = dir.resolve("text.bin");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(IOException.class, () -> InsightFaceBin.read(text)).getMessage().startsWith(text + ": "));

        Path missing = dir.resolve("missing.bin");
        assertEquals(missing + ": no such file", assertThrows(IOException.class, () -> InsightFaceBin.read(missing)).getMessage());
    }

    @Test
    void embedsEveryImageAndItsMirrorWithATrainedModel() throws IOException {
        InsightFaceBin.Contents contents = InsightFaceBin.read(Fixtures.resource("/bin/py3_bytes_png.bin"));
        // A stand-in model: the mean of each channel's left half and right half (6 values).
        ImageEmbedder halves = new ImageEmbedder() {
            public int channels() { return 3; }
            public int height() { return 16; }
            public int width() { return 16; }
            public int dim() { return 6; }
            public float[][] embed(float[] batch, int n) {
                float[][] out = new float[n][6];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < 3; c++) {
                        for (int y = 0; y < 16; y++) {
                            for (int x = 0; x < 16; x++) {
                                out[i][2 * c + (x < 8 ? 0 : 1)] += batch[i * 768 + c * 256 + y * 16 + x] / 128f;
                            }
                        }
                    }
                }
                return out;
            }
        };
        int[] progress = {0};
        BinEmbedding embedded = BinEmbedding.embed(contents, halves, 5, done -> progress[0] = done);
        assertEquals(12, progress[0]);
        // Image 3, red channel: left half mean of (16x + 21) mod 256 over x < 8 = 21 + 56 = 77; mirrored: right half.
        assertEquals(77, embedded.original()[3 * 6], 1e-4);
        assertEquals(77, embedded.flipped()[3 * 6 + 1], 1e-4);
        assertEquals(embedded.original()[3 * 6 + 1], embedded.flipped()[3 * 6], 1e-4);
    }
}
