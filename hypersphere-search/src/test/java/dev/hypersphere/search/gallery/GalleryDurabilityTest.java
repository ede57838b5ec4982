package dev.hypersphere.search.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.search.index.HnswParams;
import dev.hypersphere.search.index.IndexKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes mid-write, readers during writes, damaged and newer manifests. */
class GalleryDurabilityTest {

    @TempDir
    Path tmp;

    private Path dir;

    private Gallery twoPeople() throws IOException {
        dir = tmp.resolve("g");
        Gallery g = Gallery.openOrCreate(dir, "m", 3, HnswParams.DEFAULTS);
        g.enroll(Enrollment.of("ann", new float[] {1, 0, 0}));
        g.enroll(Enrollment.of("bob", new float[] {0, 1, 0}));
        return g;
    }

    private static List<String> ids(Gallery g) throws IOException {
        try (GallerySnapshot snap = g.snapshot()) {
            return snap.identities().stream().map(Identity::id).toList();
        }
    }

    private static final class Crash extends IOException {
        private static final long serialVersionUID = 1L;

        Crash(String step) {
            super("simulated crash at " + step);
        }
    }

    private static GalleryFaults crashAt(String step) {
        return at -> {
            if (at.equals(step)) {
                throw new Crash(at);
            }
        };
    }

    @Test
    void aCrashBeforeTheIndexCommitLeavesTheGalleryAsBefore() throws Exception {
        Gallery g = twoPeople();
        Gallery crashing = Gallery.open(dir, crashAt(GalleryFaults.DOCUMENTS_WRITTEN));
        assertThrows(Crash.class, () -> crashing.enroll(Enrollment.of("cat", new float[] {0, 0, 1})));
        assertThrows(Crash.class, () -> crashing.remove("ann"));
        assertEquals(List.of("ann", "bob"), ids(g));
        // Writes after the crash work as usual.
        g.enroll(Enrollment.of("dan", new float[] {0, 0, 1}));
        assertEquals(List.of("ann", "bob", "dan"), ids(g));
    }

    @Test
    void aCrashAfterTheIndexCommitButBeforeTheManifestSwitchIsInvisibleAndForgotten() throws Exception {
        Gallery g = twoPeople();
        long before = g.manifest().generation();
        Gallery crashing = Gallery.open(dir, crashAt(GalleryFaults.INDEX_COMMITTED));
        // The new Lucene commit is complete on disk, but gallery.json still names the old one.
        assertThrows(Crash.class, () -> crashing.enroll(Enrollment.of("cat", new float[] {0, 0, 1})));
        assertThrows(Crash.class, () -> crashing.remove("bob"));
        assertEquals(before, g.manifest().generation());
        assertEquals(List.of("ann", "bob"), ids(g));
        try (GallerySnapshot snap = g.snapshot()) {
            assertEquals("bob", snap.index(IndexKind.HNSW).search(new float[] {0, 1, 0}, 1).get(0).id());
        }
        // The next write starts from the named commit: the crashed enroll of cat never shows up.
        g.enroll(Enrollment.of("dan", new float[] {0, 0, 1}));
        assertEquals(List.of("ann", "bob", "dan"), ids(g));
        assertTrue(g.manifest().generation() > before);
    }

    @Test
    void aReaderOpenedBeforeAWriteKeepsSeeingTheOldState() throws Exception {
        Gallery g = twoPeople();
        try (GallerySnapshot old = g.snapshot()) {
            g.enroll(Enrollment.of("cat", new float[] {0, 0, 1}));
            g.remove("ann");
            g.enroll(Enrollment.of("dan", new float[] {0.6f, 0.8f, 0}));
            g.enroll(Enrollment.of("eve", new float[] {0.8f, 0.6f, 0}));   // the old commit is deleted by now
            assertEquals(List.of("ann", "bob"), old.identities().stream().map(Identity::id).toList());
            assertEquals("ann", old.index(IndexKind.EXACT).search(new float[] {1, 0, 0}, 1).get(0).id());
            assertEquals("ann", old.index(IndexKind.HNSW).search(new float[] {1, 0, 0}, 1).get(0).id());
        }
        assertEquals(List.of("bob", "cat", "dan", "eve"), ids(g));
    }

    @Test
    void concurrentWritersAreSerialisedAndNoneIsLost() throws Exception {
        Gallery g = twoPeople();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Gallery.WriteResult>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] v = {1, i, 1};
                String id = "p" + i;
                writes.add(pool.submit(() -> g.enroll(Enrollment.of(id, v))));
            }
            for (Future<Gallery.WriteResult> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> expected = new ArrayList<>(List.of("ann", "bob", "p0", "p1", "p2", "p3", "p4", "p5"));
        Collections.sort(expected);
        assertEquals(expected, ids(g));
        assertEquals(8, g.manifest().identities());
    }

    @Test
    void aCorruptedManifestIsOneErrorNamingTheFile() throws Exception {
        twoPeople();
        Path manifest = dir.resolve(GalleryManifest.FILE);
        Files.writeString(manifest, "{\"format\": \"hypersphere-gallery\", \"format_vers");
        GalleryFormatException e = assertThrows(GalleryFormatException.class, () -> Gallery.open(dir));
        assertTrue(e.getMessage().startsWith(manifest + ": corrupted, not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a gallery manifest"), e.getMessage());

        Files.writeString(manifest, "{\"format\": \"hypersphere-gallery\", \"format_version\": 1, \"model_id\": \"m\"}");
        e = assertThrows(GalleryFormatException.class, () -> Gallery.open(dir));
        assertTrue(e.getMessage().startsWith(manifest + ": field 'index': expected an object"), e.getMessage());

        Files.delete(manifest);
        e = assertThrows(GalleryFormatException.class, () -> Gallery.open(dir));
        assertTrue(e.getMessage().startsWith(manifest + ": missing: " + dir + " is not a gallery"), e.getMessage());
    }

    @Test
    void aManifestFromANewerVersionIsRefused() throws Exception {
        twoPeople();
        Path manifest = dir.resolve(GalleryManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\" : 1", "\"format_version\" : 2"));
        GalleryFormatException e = assertThrows(GalleryFormatException.class, () -> Gallery.open(dir));
        assertEquals(manifest + ": format version 2 was written by a newer hypersphere; this one reads versions up to 1: "
                + "upgrade hypersphere to use this gallery", e.getMessage());
    }

    @Test
    void aManifestNamingAMissingCommitIsOneError() throws Exception {
        Gallery g = twoPeople();
        Path manifest = dir.resolve(GalleryManifest.FILE);
        long gen = g.manifest().generation();
        Files.writeString(manifest, Files.readString(manifest).replace("\"generation\" : " + gen, "\"generation\" : 999"));
        GalleryFormatException e = assertThrows(GalleryFormatException.class, g::snapshot);
        assertTrue(e.getMessage().startsWith(dir.resolve("index") + ": commit generation 999 named by gallery.json is missing"),
                e.getMessage());
    }
}
