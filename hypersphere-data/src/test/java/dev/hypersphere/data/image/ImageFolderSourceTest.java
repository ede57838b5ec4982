package dev.hypersphere.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.TestImages;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders: class order, labels, ignored files, bad-image policies, empty folders; ORL when present. */
class ImageFolderSourceTest {

    @TempDir
    Path root;

    private void write(String relative, byte[] bytes) throws IOException {
        Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }

    /** bob: 2 images (PNG, PGM in a sub-folder); alice: 3 (JPEG, BMP, GIF); carol: 1 (PPM by hand); plus noise files. */
    private void makeFolder() throws IOException {
        write("bob/1.png", TestImages.encode(TestImages.rgb(7, 5), "png"));
        write("bob/more/2.pgm", TestImages.pgm(7, 5));
        write("alice/b.JPG", TestImages.encode(TestImages.flat(8, 8, 10, 20, 30), "jpeg"));
        write("alice/a.bmp", TestImages.encode(TestImages.rgb(7, 5), "bmp"));
        write("alice/c.gif", TestImages.encode(TestImages.flat(4, 3, 0, 0, 0), "gif"));
        write("carol/x.ppm", "P3 1 1 255 255 128 0".getBytes());
        write("alice/notes.txt", "not an image".getBytes());
        write("alice/.hidden.png", new byte[] {1, 2, 3});
        write("loose.png", TestImages.encode(TestImages.rgb(2, 2), "png"));
        write(".trash/x.png", TestImages.encode(TestImages.rgb(2, 2), "png"));
    }

    @Test
    void classesAreSortedFolderNamesAndImagesFollowInPathOrder() throws IOException {
        makeFolder();
        ImageFolderSource source = ImageFolderSource.open(root, ImageOptions.rgb());
        assertEquals(List.of("alice", "bob", "carol"), source.classNames());
        assertEquals(6, source.size());
        int[] labels = new int[6];
        for (int i = 0; i < 6; i++) {
            labels[i] = source.label(i);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2}, labels);
        assertTrue(source.name(0).endsWith("alice/a.bmp"), source.name(0));
        assertTrue(source.name(1).endsWith("alice/b.JPG"), source.name(1));
        assertTrue(source.name(4).endsWith("bob/more/2.pgm"), source.name(4));
        Sample grey = source.get(4);
        assertEquals(3, grey.channels());
        assertEquals(5, grey.height());
        assertEquals(7, grey.width());
        assertEquals(1, grey.label());
        assertEquals(TestImages.greyValue(3, 2), grey.pixels()[2 * 35 + 2 * 7 + 3]);   // blue plane = the grey value
        Sample carol = source.get(5);
        assertEquals(List.of(255f, 128f, 0f), List.of(carol.pixels()[0], carol.pixels()[1], carol.pixels()[2]));
        assertEquals(0, source.skipped().size());
    }

    @Test
    void oneChannelOutputIsLumaOfColourFiles() throws IOException {
        makeFolder();
        ImageFolderSource source = ImageFolderSource.open(root, ImageOptions.grey());
        Sample carol = source.get(5);
        assertEquals(1, carol.channels());
        assertEquals(0.299 * 255 + 0.587 * 128, carol.pixels()[0], 1e-3);
    }

    @Test
    void badImagesFailWithTheFileNameOrAreSkippedAndCounted() throws IOException {
        makeFolder();
        write("bob/broken.png", "this is no png".getBytes());
        byte[] jpeg = TestImages.encode(TestImages.rgb(40, 40), "jpeg");
        write("carol/cut.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        ImageFolderSource failing = ImageFolderSource.open(root, ImageOptions.rgb());
        assertEquals(8, failing.size());
        int broken = 3;   // alice ×3, then bob/1.png... bob/broken.png sorts after bob/1.png
        assertTrue(failing.name(broken + 1).endsWith("bob/broken.png"), failing.name(broken + 1));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> failing.get(broken + 1));
        assertTrue(e.getMessage().startsWith(root.resolve("bob/broken.png") + ": "), e.getMessage());

        ImageFolderSource skipping = ImageFolderSource.open(root, ImageOptions.rgb().withPolicy(BadImagePolicy.SKIP));
        assertEquals(6, skipping.size());
        assertEquals(2, skipping.skipped().size());
        assertTrue(skipping.skipped().get(0).endsWith("bob/broken.png"));
        assertTrue(skipping.skipped().get(1).endsWith("carol/cut.jpg"));
        for (int i = 0; i < skipping.size(); i++) {
            skipping.get(i);   // everything left decodes
        }
    }

    @Test
    void emptyClassFoldersAndFoldersWithoutImagesAreErrors() throws IOException {
        Files.createDirectories(root.resolve("dave"));
        write("erin/readme.txt", "no images here".getBytes());
        MalformedDataException none = assertThrows(MalformedDataException.class, () -> ImageFolderSource.open(root, ImageOptions.rgb()));
        assertTrue(none.getMessage().contains("2 class folder(s) hold no images: dave, erin"), none.getMessage());
        write("frank/1.pgm", TestImages.pgm(3, 3));
        MalformedDataException empty = assertThrows(MalformedDataException.class, () -> ImageFolderSource.open(root, ImageOptions.rgb()));
        assertTrue(empty.getMessage().startsWith(root + ": 2 class folder(s) hold no images"), empty.getMessage());

        Path bare = Files.createDirectories(root.resolve("bare"));
        Files.writeString(bare.resolve("a.txt"), "x");
        MalformedDataException nothing = assertThrows(MalformedDataException.class, () -> ImageFolderSource.open(bare, ImageOptions.rgb()));
        assertTrue(nothing.getMessage().startsWith(bare + ": no images found"), nothing.getMessage());
        MalformedDataException missing = assertThrows(MalformedDataException.class,
                () -> ImageFolderSource.open(root.resolve("nope"), ImageOptions.rgb()));
        assertTrue(missing.getMessage().contains("not a folder"), missing.getMessage());
    }

    @Test
    void orlFacesAreFortyPeopleOfTenGreyImages() throws IOException {
        Path orl = SharedData.resolve("orl").orElse(null);
        Assumptions.assumeTrue(orl != null, SharedData.missing("orl"));
        ImageFolderSource source = ImageFolderSource.open(orl, ImageOptions.grey());
        assertEquals(40, source.numClasses());
        assertEquals(400, source.size());
        int[] perClass = new int[40];
        for (int i = 0; i < source.size(); i++) {
            perClass[source.label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(10, count);
        }
        assertEquals("s1", source.classNames().get(0));
        assertEquals("s10", source.classNames().get(1));   // name order, as torchvision sorts
        Sample first = source.get(0);
        assertEquals(1, first.channels());
        assertEquals(92, first.width());
        assertEquals(112, first.height());
        Sample last = source.get(399);
        assertEquals(92, last.width());
        assertEquals(112, last.height());
    }
}
