package dev.hypersphere.data.recordio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.TestImages;
import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.ImageEncoder;
import dev.hypersphere.data.image.ImageFolderSource;
import dev.hypersphere.data.image.ImageOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing an image folder into insightface's layout and reading it back; property and damage checks. */
class RecordIoSourceTest {

    @TempDir
    Path dir;

    /** Classes "ann" (3 images), "ben" (1), "cy" (2): 6×5 RGB images, each a distinct colour. */
    private Path folder() throws IOException {
        Path root = dir.resolve("faces");
        String[][] layout = {{"ann", "3"}, {"ben", "1"}, {"cy", "2"}};
        int n = 0;
        for (String[] cls : layout) {
            for (int i = 0; i < Integer.parseInt(cls[1]); i++) {
                Path file = root.resolve(cls[0]).resolve(i + ".png");
                Files.createDirectories(file.getParent());
                Files.write(file, TestImages.encode(image(n++), "png"));
            }
        }
        return root;
    }

    private static BufferedImage image(int n) {
        BufferedImage image = TestImages.rgb(6, 5);
        image.setRGB(0, 0, 0x010203 * (n + 1));
        return image;
    }

    private static RecordIoPacker.Options png() {
        return RecordIoPacker.Options.defaults().withEncoding(ImageEncoder.Encoding.PNG).withThreads(2);
    }

    @Test
    void packWritesInsightfaceLayoutAndReadsBackTheSameImages() throws IOException {
        ImageFolderSource folder = ImageFolderSource.open(folder(), ImageOptions.rgb());
        List<int[]> progress = new ArrayList<>();
        RecordIoPacker.Result result = RecordIoPacker.pack(folder, dir.resolve("out/train"), png(),
                (done, total) -> progress.add(new int[] {done, total}));
        assertEquals(6, result.images());
        assertEquals(3, result.numClasses());
        assertEquals(6, progress.size());
        assertArrayEquals(new int[] {6, 6}, progress.get(5));
        assertEquals("3,5,6\n", Files.readString(dir.resolve("out/property")));
        assertEquals("0\tann\n1\tben\n2\tcy\n", Files.readString(dir.resolve("out/train.classes.tsv")));

        // Index: images 1..6, then record 0, then identities 7..9 (face2rec2's write order).
        Map<Long, Long> index = RecordIoIndex.read(dir.resolve("out/train.idx"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 0L, 7L, 8L, 9L), new ArrayList<>(index.keySet()));
        try (RecordIoReader reader = new RecordIoReader(dir.resolve("out/train.rec"))) {
            ImageRecord zero = ImageRecord.decode(reader.read(index.get(0L)), "0");
            assertArrayEquals(new float[] {7f, 10f}, zero.labels());
            assertEquals(0, zero.image().length);
            ImageRecord ben = ImageRecord.decode(reader.read(index.get(8L)), "8");
            assertArrayEquals(new float[] {4f, 5f}, ben.labels());   // ben's only image has key 4
            assertEquals(8, ben.id());
            ImageRecord image = ImageRecord.decode(reader.read(index.get(5L)), "5");
            assertArrayEquals(new float[] {2f, 1f}, image.labels());   // [class, aligned], as face2rec2 writes it
            assertEquals(0f, image.label());
            assertEquals(5, image.id());
        }

        try (RecordIoSource pack = RecordIoSource.open(dir.resolve("out/train.rec"), 3)) {
            assertEquals(6, pack.size());
            assertEquals(3, pack.numClasses());
            assertEquals(new RecordIoSource.Layout(7, 10), pack.layout().orElseThrow());
            assertEquals(new RecordIoProperty(3, 5, 6), pack.property().orElseThrow());
            assertEquals(List.of("ann", "ben", "cy"), pack.classNames());   // from train.classes.tsv
            for (int i = 0; i < 6; i++) {
                Sample original = folder.get(i);
                Sample packed = pack.get(i);
                assertEquals(original.label(), packed.label());
                assertEquals(i + 1, pack.key(i));
                assertArrayEquals(original.pixels(), packed.pixels(), "image " + i);   // PNG: lossless
            }
        }
    }

    @Test
    void concurrentReadsGiveWhatSequentialReadsGive() throws IOException {
        ImageFolderSource folder = ImageFolderSource.open(folder(), ImageOptions.rgb());
        RecordIoPacker.pack(folder, dir.resolve("c/train"), png(), (d, t) -> { });
        try (RecordIoSource pack = RecordIoSource.open(dir.resolve("c/train.rec"), 3)) {
            float[][] sequential = new float[6][];
            for (int i = 0; i < 6; i++) {
                sequential[i] = pack.get(i).pixels();
            }
            java.util.stream.IntStream.range(0, 600).parallel().forEach(k -> {
                try {
                    assertArrayEquals(sequential[k % 6], pack.get(k % 6).pixels());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void jpegPackIsCloseAndGreyPackHasOneChannel() throws IOException {
        ImageFolderSource folder = ImageFolderSource.open(folder(), ImageOptions.rgb());
        RecordIoPacker.pack(folder, dir.resolve("j/train"), RecordIoPacker.Options.defaults().withChannels(1).withSize(10, 12),
                (d, t) -> { });
        assertEquals("3,10,12\n", Files.readString(dir.resolve("j/property")));
        try (RecordIoSource pack = RecordIoSource.open(dir.resolve("j/train.rec"), 1)) {
            Sample s = pack.get(0);
            assertEquals(1, s.channels());
            assertEquals(10, s.height());
            assertEquals(12, s.width());
        }
    }

    @Test
    void differentSizesWithoutAResizeAreRefusedAndNothingIsWritten() throws IOException {
        Path root = folder();
        Files.write(root.resolve("cy/big.png"), TestImages.encode(TestImages.rgb(9, 9), "png"));
        ImageFolderSource folder = ImageFolderSource.open(root, ImageOptions.rgb());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordIoPacker.pack(folder, dir.resolve("s/train"), png(), (d, t) -> { }));
        assertTrue(e.getMessage().startsWith(root.resolve("cy/big.png") + " is 9×9 (height×width) but the images before it are 5×6"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("s/train.rec")));
        try (var files = Files.list(dir.resolve("s"))) {
            assertEquals(0, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void badImagesFailThePackOrAreSkippedAndCounted() throws IOException {
        Path root = folder();
        Files.write(root.resolve("ben/zz.png"), "broken".getBytes());
        ImageFolderSource folder = ImageFolderSource.open(root, ImageOptions.rgb());
        IOException failed = assertThrows(IOException.class, () -> RecordIoPacker.pack(folder, dir.resolve("f/train"), png(), (d, t) -> { }));
        assertTrue(failed.getMessage().contains("ben/zz.png"), failed.getMessage());
        assertFalse(Files.exists(dir.resolve("f/train.rec")));

        RecordIoPacker.Result result = RecordIoPacker.pack(folder, dir.resolve("k/train"), png().withPolicy(BadImagePolicy.SKIP),
                (d, t) -> { });
        assertEquals(6, result.images());
        assertEquals(1, result.skipped().size());
        assertTrue(result.skipped().get(0).contains("ben/zz.png"));
    }

    @Test
    void propertyThatDisagreesWithThePackIsAnErrorNamingIt() throws IOException {
        ImageFolderSource folder = ImageFolderSource.open(folder(), ImageOptions.rgb());
        RecordIoPacker.pack(folder, dir.resolve("p/train"), png(), (d, t) -> { });
        Path property = dir.resolve("p/property");
        Files.writeString(property, "4,5,6\n");
        MalformedDataException classes = assertThrows(MalformedDataException.class,
                () -> RecordIoSource.open(dir.resolve("p/train.rec"), 3));
        assertTrue(classes.getMessage().startsWith(property.toAbsolutePath() + ": num_classes 4 does not match the pack, whose labels run 0..2"),
                classes.getMessage());
        Files.writeString(property, "3,112,112\n");
        MalformedDataException size = assertThrows(MalformedDataException.class,
                () -> RecordIoSource.open(dir.resolve("p/train.rec"), 3));
        assertTrue(size.getMessage().startsWith(property.toAbsolutePath() + ": declares 112×112 (height×width) images but "),
                size.getMessage());
        Files.writeString(property, "3,5,6\n");
        Files.writeString(dir.resolve("p/train.classes.tsv"), "0\tann\n1\tben\n");
        MalformedDataException names = assertThrows(MalformedDataException.class,
                () -> RecordIoSource.open(dir.resolve("p/train.rec"), 3));
        assertTrue(names.getMessage().endsWith("train.classes.tsv: names 2 classes but " + dir.resolve("p/train.rec") + " has 3"),
                names.getMessage());
        Files.writeString(property, "three,5,6\n");
        MalformedDataException text = assertThrows(MalformedDataException.class,
                () -> RecordIoSource.open(dir.resolve("p/train.rec"), 3));
        assertEquals(property.toAbsolutePath() + ": expected 'num_classes,height,width' (three positive integers), found 'three,5,6'",
                text.getMessage());
    }

    @Test
    void truncatedRecAndBadIdxSayWhichRecord() throws IOException {
        ImageFolderSource folder = ImageFolderSource.open(folder(), ImageOptions.rgb());
        RecordIoPacker.pack(folder, dir.resolve("t/train"), png(), (d, t) -> { });
        Path rec = dir.resolve("t/train.rec");
        byte[] whole = Files.readAllBytes(rec);
        Map<Long, Long> index = RecordIoIndex.read(dir.resolve("t/train.idx"));
        Files.write(rec, java.util.Arrays.copyOf(whole, (int) (index.get(3L) + 20)));   // inside image key 3
        MalformedDataException cut = assertThrows(MalformedDataException.class, () -> RecordIoSource.open(rec, 3));
        assertTrue(cut.getMessage().contains("train.idx: key 4 points at offset"), cut.getMessage());
        assertTrue(cut.getMessage().contains("past the end of"), cut.getMessage());

        Files.write(rec, whole);
        Files.writeString(dir.resolve("t/train.idx"), "1\t0\n2\t12\n");
        MalformedDataException moved = assertThrows(MalformedDataException.class, () -> RecordIoSource.open(rec, 3));
        assertTrue(moved.getMessage().contains("no RecordIO magic at offset 12"), moved.getMessage());
        Files.writeString(dir.resolve("t/train.idx"), "1\t0\nnot an index line\n");
        MalformedDataException line = assertThrows(MalformedDataException.class, () -> RecordIoSource.open(rec, 3));
        assertTrue(line.getMessage().endsWith("train.idx: line 2 is not 'key<TAB>offset': 'not an index line'"), line.getMessage());
    }

    @Test
    void recordsWithTheMagicInsideTheirImageAreRejoinedAndPacksWithoutRecordZeroUseAllKeys() throws IOException {
        byte[] png = TestImages.encode(TestImages.rgb(7, 5), "png");
        Path rec = dir.resolve("m/train.rec");
        Files.createDirectories(rec.getParent());
        StringBuilder idx = new StringBuilder();
        try (OutputStream out = Files.newOutputStream(rec)) {
            RecordIoWriter writer = new RecordIoWriter(out);
            for (int key = 0; key < 3; key++) {
                // Pad the image so that the magic falls at a 4-byte-aligned offset of the payload; PNG ignores what follows IEND.
                int head = ImageRecord.HEADER_BYTES + png.length;
                byte[] image = java.util.Arrays.copyOf(png, png.length + (4 - head % 4) % 4 + 8);
                System.arraycopy(new byte[] {0x0a, 0x23, (byte) 0xd7, (byte) 0xce}, 0, image, image.length - 8, 4);
                idx.append(key).append('\t').append(writer.write(ImageRecord.scalar(key % 2, key, 0, image).encode())).append('\n');
            }
        }
        Files.writeString(dir.resolve("m/train.idx"), idx);
        byte[] bytes = Files.readAllBytes(rec);
        assertEquals(0x20000000, (bytes[4] & 0xff | (bytes[5] & 0xff) << 8 | (bytes[6] & 0xff) << 16 | (bytes[7] & 0xff) << 24)
                & 0xe0000000, "the first record was split (cflag 1)");
        try (RecordIoSource pack = RecordIoSource.open(rec, 3)) {
            assertTrue(pack.layout().isEmpty());
            assertEquals(3, pack.size());   // record 0 has flag 0: it is an image like the others
            assertEquals(2, pack.numClasses());
            assertEquals(List.of("0", "1"), pack.classNames());   // no classes file: the label numbers
            assertEquals(List.of(0, 1, 0), List.of(pack.label(0), pack.label(1), pack.label(2)));
            assertEquals(TestImages.blue(6, 4), pack.get(2).pixels()[2 * 35 + 4 * 7 + 6]);
        }
    }
}
