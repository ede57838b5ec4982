package dev.hypersphere.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.TestImages;
import dev.hypersphere.io.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tars of image folders, plain and gzipped, with a prefix; CIFAR-10 when present. */
class ImageArchiveSourceTest {

    @TempDir
    Path dir;

    private static byte[] tar(boolean gzip, String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String name = namesAndContents[i];
                byte[] content = namesAndContents[i + 1] == null ? new byte[0] : Contents.get(namesAndContents[i + 1]);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Named contents for the tar helper. */
    private static final class Contents {
        static byte[] get(String key) {
            return switch (key) {
                case "rgb" -> TestImages.encode(TestImages.rgb(7, 5), "png");
                case "pgm" -> TestImages.pgm(7, 5);
                case "jpg" -> TestImages.encode(TestImages.flat(8, 8, 90, 90, 90), "jpeg");
                default -> key.getBytes();
            };
        }
    }

    private static final String[] LAYOUT = {
            "./train/", null,
            "./train/dog/", null,
            "./train/dog/2.png", "rgb",
            "./train/dog/1.pgm", "pgm",
            "./train/cat/a.jpg", "jpg",
            "./train/cat/notes.txt", "text",
            "./train/readme.md", "text",
            "./test/cat/z.png", "rgb",
            "./test/emu/y.pgm", "pgm",
    };

    @Test
    void gzippedTarUnderAPrefixReadsOnlyThatPart() throws IOException {
        Path archive = dir.resolve("set.tar.gz");
        Files.write(archive, tar(true, LAYOUT));
        ImageArchiveSource train = ImageArchiveSource.open(archive, "train", ImageOptions.rgb());
        assertEquals(List.of("cat", "dog"), train.classNames());
        assertEquals(3, train.size());
        assertEquals("set.tar.gz!train/dog/1.pgm", train.name(1));
        assertEquals(List.of(0, 1, 1), List.of(train.label(0), train.label(1), train.label(2)));
        Sample dog = train.get(2);
        assertEquals(TestImages.red(4, 3), dog.pixels()[3 * 7 + 4]);
        assertEquals(1, dog.label());
        assertEquals("set.tar.gz!train/dog/2.png", dog.source());

        ImageArchiveSource test = ImageArchiveSource.open(archive, "test/", ImageOptions.grey());
        assertEquals(List.of("cat", "emu"), test.classNames());
        assertEquals(TestImages.greyValue(6, 4), test.get(1).pixels()[4 * 7 + 6]);
    }

    @Test
    void plainTarWithoutPrefixTakesTopLevelFoldersAsClasses() throws IOException {
        Path archive = dir.resolve("set.tar");
        Files.write(archive, tar(false, "a/1.png", "rgb", "b/2.pgm", "pgm"));
        ImageArchiveSource source = ImageArchiveSource.open(archive, ImageOptions.rgb());
        assertEquals(List.of("a", "b"), source.classNames());
        assertEquals(2, source.size());
    }

    @Test
    void truncatedArchivesAndWrongPrefixesAreClearErrors() throws IOException {
        byte[] whole = tar(true, LAYOUT);
        Path cut = dir.resolve("cut.tar.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        MalformedDataException truncated = assertThrows(MalformedDataException.class,
                () -> ImageArchiveSource.open(cut, "train/", ImageOptions.rgb()));
        assertTrue(truncated.getMessage().startsWith(cut.toString()), truncated.getMessage());

        Path archive = dir.resolve("set.tar.gz");
        Files.write(archive, whole);
        MalformedDataException prefix = assertThrows(MalformedDataException.class,
                () -> ImageArchiveSource.open(archive, "val/", ImageOptions.rgb()));
        assertTrue(prefix.getMessage().startsWith(archive + " (under val/): no images found"), prefix.getMessage());

        Path emptyClass = dir.resolve("empty.tar");
        Files.write(emptyClass, tar(false, "a/1.png", "rgb", "b/", null, "c/readme.txt", "text"));
        MalformedDataException empty = assertThrows(MalformedDataException.class,
                () -> ImageArchiveSource.open(emptyClass, ImageOptions.rgb()));
        assertTrue(empty.getMessage().contains("2 class folder(s) hold no images: b, c"), empty.getMessage());
    }

    private static ImageArchiveSource cifarTrain;
    private static ImageArchiveSource cifarTest;

    @BeforeAll
    static void readCifarOnce() throws IOException {
        Path cifar = SharedData.resolve("cifar10-jpeg.tar.gz").orElse(null);
        if (cifar != null) {
            cifarTrain = ImageArchiveSource.open(cifar, "train/", ImageOptions.rgb());
            cifarTest = ImageArchiveSource.open(cifar, "test/", ImageOptions.rgb());
        }
    }

    @Test
    void cifar10HasFiftyThousandTrainingAndTenThousandTestImagesOfTenClasses() throws IOException {
        Assumptions.assumeTrue(cifarTrain != null, SharedData.missing("cifar10-jpeg.tar.gz"));
        assertEquals(50_000, cifarTrain.size());
        assertEquals(10_000, cifarTest.size());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                cifarTrain.classNames());
        assertEquals(cifarTrain.classNames(), cifarTest.classNames());
        int[] perClass = new int[10];
        for (int i = 0; i < cifarTest.size(); i++) {
            perClass[cifarTest.label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count);
        }
        for (int i : new int[] {0, 24_999, 49_999}) {
            Sample s = cifarTrain.get(i);
            assertEquals(3, s.channels());
            assertEquals(32, s.height());
            assertEquals(32, s.width());
        }
    }
}
