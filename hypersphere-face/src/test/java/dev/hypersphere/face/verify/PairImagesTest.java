package dev.hypersphere.face.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.eval.io.PairList;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairs files read by names, their images resolved in folders and tar.gz archives, and the people of each fold. */
class PairImagesTest {

    /** Two folds of one same and one different pair; Ann appears in both folds. */
    static final String SHARED_PAIRS = """
            2\t1
            Ann\t1\t12
            Ann\t1\tBob\t1
            Cid\t1\t2
            Cid\t2\tAnn\t12
            """;

    /** Two folds, people disjoint. */
    static final String DISJOINT_PAIRS = """
            2\t1
            Ann\t1\t12
            Ann\t12\tBob\t1
            Cid\t1\t2
            Cid\t2\tDee\t1
            """;

    static final List<String> FILES = List.of("Ann/Ann_0001.jpg", "Ann/Ann_0012.jpg", "Bob/Bob_0001.jpg", "Cid/Cid_0001.jpg",
            "Cid/Cid_0002.jpg", "Dee/Dee_0001.png", "Eve/Eve_0001.jpg");

    static Path pairsFile(Path dir, String text) throws IOException {
        Path file = dir.resolve("pairs.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static void writeFolder(Path root, List<String> files) throws IOException {
        for (String name : files) {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, name.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A tar.gz with {@code files} below {@code prefix}, folder entries included as tar writes them. */
    static Path writeTarGz(Path file, String prefix, List<String> files) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            if (!prefix.isEmpty()) {
                tar.putArchiveEntry(new TarArchiveEntry(prefix));
                tar.closeArchiveEntry();
            }
            Set<String> folders = new TreeSet<>();
            for (String name : files) {
                String folder = prefix + name.substring(0, name.indexOf('/') + 1);
                if (folders.add(folder)) {
                    tar.putArchiveEntry(new TarArchiveEntry(folder));
                    tar.closeArchiveEntry();
                }
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(prefix + name);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void imagesAreListedOnceInFirstUseOrderWithLfwNumbering(@TempDir Path tmp) throws IOException {
        PairImages pairs = PairImages.read(pairsFile(tmp, DISJOINT_PAIRS));
        assertEquals(List.of("Ann/Ann_0001.jpg", "Ann/Ann_0012.jpg", "Bob/Bob_0001.jpg", "Cid/Cid_0001.jpg", "Cid/Cid_0002.jpg",
                "Dee/Dee_0001.jpg"), pairs.images().stream().map(PairImages.ImageName::lfwName).toList());
        assertEquals(3, pairs.images().get(2).line(), "Bob is first named on line 3");
        PairList list = pairs.pairs();
        assertArrayEquals(new int[] {0, 1, 3, 4}, list.left());
        assertArrayEquals(new int[] {1, 2, 4, 5}, list.right());
        assertArrayEquals(new boolean[] {true, false, true, false}, list.same());
        assertArrayEquals(new int[] {0, 0, 1, 1}, list.fold());
        assertEquals(2, pairs.folds());
    }

    @Test
    void namesResolveInAFolder(@TempDir Path tmp) throws IOException {
        writeFolder(tmp.resolve("photos"), FILES);
        PhotoCollection photos = PhotoCollection.open(tmp.resolve("photos"), null);
        assertEquals("", photos.root());
        assertEquals(List.of("Ann", "Bob", "Cid", "Dee", "Eve"), photos.people());
        List<PhotoCollection.Photo> resolved = PairImages.read(pairsFile(tmp, DISJOINT_PAIRS)).resolve(photos);
        assertEquals(List.of("Ann/Ann_0001.jpg", "Ann/Ann_0012.jpg", "Bob/Bob_0001.jpg", "Cid/Cid_0001.jpg", "Cid/Cid_0002.jpg",
                "Dee/Dee_0001.png"), resolved.stream().map(PhotoCollection.Photo::name).toList(), "any image ending resolves");
        assertEquals("Dee/Dee_0001.png", new String(resolved.get(5).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aFolderAboveTheRootIsFoundToo(@TempDir Path tmp) throws IOException {
        writeFolder(tmp.resolve("data/lfw"), FILES);
        PhotoCollection photos = PhotoCollection.open(tmp.resolve("data"), null);
        assertEquals("lfw/", photos.root());
        assertEquals(FILES.size(), photos.size());
    }

    @Test
    void namesResolveInATarGzWhoseRootIsFound(@TempDir Path tmp) throws IOException {
        Path archive = writeTarGz(tmp.resolve("lfw.tar.gz"), "lfw-deepfunneled/", FILES);
        PhotoCollection photos = PhotoCollection.open(archive, null);
        assertEquals("lfw-deepfunneled/", photos.root());
        assertEquals(7, photos.size());
        assertEquals(2, photos.photos("Cid").size());
        List<PhotoCollection.Photo> resolved = PairImages.read(pairsFile(tmp, DISJOINT_PAIRS)).resolve(photos);
        assertEquals("Ann/Ann_0012.jpg", new String(resolved.get(1).bytes(), StandardCharsets.UTF_8));
        assertTrue(resolved.get(1).origin().endsWith("lfw.tar.gz!lfw-deepfunneled/Ann/Ann_0012.jpg"), resolved.get(1).origin());
        // The same with the prefix given (with or without its slash).
        assertEquals(7, PhotoCollection.open(archive, "lfw-deepfunneled").size());
    }

    @Test
    void severalRootsNeedAPrefix(@TempDir Path tmp) throws IOException {
        Path archive = tmp.resolve("two.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            for (String name : List.of("a/Ann/Ann_0001.jpg", "b/Bob/Bob_0001.jpg", "b/Bob/Bob_0002.jpg")) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(1);
                tar.putArchiveEntry(entry);
                tar.write('x');
                tar.closeArchiveEntry();
            }
        }
        IOException e = assertThrows(IOException.class, () -> PhotoCollection.open(archive, null));
        assertTrue(e.getMessage().contains("several roots (a/ 1, b/ 2 images)") && e.getMessage().contains("prefix"), e.getMessage());
        PhotoCollection b = PhotoCollection.open(archive, "b/");
        assertEquals(List.of("Bob"), b.people());
        IOException none = assertThrows(IOException.class, () -> PhotoCollection.open(archive, "c/"));
        assertTrue(none.getMessage().contains("no images in person folders under 'c/'"), none.getMessage());
    }

    @Test
    void aMissingImageIsOneErrorNamingThePairsFileLineAndImage(@TempDir Path tmp) throws IOException {
        Path archive = writeTarGz(tmp.resolve("lfw.tar.gz"), "lfw/", FILES.stream().filter(f -> !f.startsWith("Cid/Cid_0002")).toList());
        Path file = pairsFile(tmp, DISJOINT_PAIRS);
        PhotoCollection photos = PhotoCollection.open(archive, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairImages.read(file).resolve(photos));
        assertEquals(file + " line 4: image Cid/Cid_0002.jpg (any image ending) is not in " + archive + " (under lfw/)", e.getMessage());
    }

    @Test
    void malformedPairsFilesNameTheLine(@TempDir Path tmp) throws IOException {
        Path bad = pairsFile(tmp, "2\t1\nAnn\t1\t2\nAnn 1 Bob 1 2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairImages.read(bad));
        assertEquals(bad + " line 3: expected 'Name i j' or 'Name1 i Name2 j', got 'Ann 1 Bob 1 2'", e.getMessage());
        Path number = pairsFile(tmp, "2\t1\nAnn\t1\tx\n");
        e = assertThrows(IllegalArgumentException.class, () -> PairImages.read(number));
        assertEquals(number + " line 2: image number 'x' is not a whole number >= 0", e.getMessage());
        Path plain = pairsFile(tmp, "0 1 1\n");
        e = assertThrows(IllegalArgumentException.class, () -> PairImages.read(plain));
        assertTrue(e.getMessage().startsWith(plain + " line 1: expected LFW's header"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> PairImages.read(tmp.resolve("none.txt")));
    }

    @Test
    void peopleOfFoldsAndTheirDisjointness(@TempDir Path tmp) throws IOException {
        PairImages disjoint = PairImages.read(pairsFile(tmp, DISJOINT_PAIRS));
        assertEquals(Set.of("Ann", "Bob"), disjoint.people(List.of(0)));
        assertEquals(Set.of("Cid", "Dee"), disjoint.people(List.of(1)));
        assertEquals(Set.of("Ann", "Bob", "Cid", "Dee"), disjoint.people());
        FoldDisjointness ok = disjoint.disjointness();
        assertTrue(ok.holds());
        assertEquals(4, ok.people());
        assertEquals(true, ok.json().get("holds"));

        PairImages shared = PairImages.read(pairsFile(tmp, SHARED_PAIRS));
        FoldDisjointness check = shared.disjointness();
        assertFalse(check.holds());
        assertEquals(Set.of("Ann"), check.shared().keySet());
        assertEquals(List.of(0, 1), List.copyOf(check.shared().get("Ann")));
        assertEquals(false, check.json().get("holds"));
        assertEquals(1, check.json().get("people_in_several_folds"));
        assertTrue(check.summary().contains("NO, 1 of 3 people"), check.summary());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shared.people(List.of(2)));
        assertTrue(e.getMessage().endsWith("holds folds 0..1 (numbered from 0), not 2"), e.getMessage());
    }
}
