package dev.hypersphere.search.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.search.index.Hit;
import dev.hypersphere.search.index.HnswParams;
import dev.hypersphere.search.index.IndexKind;
import dev.hypersphere.search.testing.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolling, updating, removing and searching identities through the vector API. */
class GalleryTest {

    @TempDir
    Path tmp;

    @Test
    void templateIsTheNormalisedMeanOfUnitEmbeddingsAndGrowsWithLaterEnrolls() throws Exception {
        Gallery g = Gallery.openOrCreate(tmp.resolve("g"), "model-a", 3, HnswParams.DEFAULTS);
        // Not unit on purpose: each is normalised first. Unit forms: e1, e2, then e3.
        g.enroll(new Enrollment("ann", List.of(new float[] {2, 0, 0}, new float[] {0, 5, 0}), List.of("a1.png", "a2.png")));
        float s = (float) Math.sqrt(0.5);
        try (GallerySnapshot snap = g.snapshot()) {
            List<Hit> hits = snap.index(IndexKind.EXACT).search(new float[] {s, s, 0}, 1);
            assertEquals("ann", hits.get(0).id());
            assertEquals(1.0, hits.get(0).cosine(), 1e-6);   // template (e1+e2)/√2
        }
        Gallery.WriteResult r = g.enroll(new Enrollment("ann", List.of(new float[] {0, 0, 0.1f}), List.of("a3.png")));
        assertEquals(List.of("ann"), r.updated());
        float t = (float) (1 / Math.sqrt(3));
        try (GallerySnapshot snap = g.snapshot()) {
            assertEquals(1.0, snap.index(IndexKind.EXACT).search(new float[] {t, t, t}, 1).get(0).cosine(), 1e-6);
            assertEquals(List.of(new Identity("ann", 3, List.of("a1.png", "a2.png", "a3.png"))), snap.identities());
            assertEquals(3, snap.manifest().embeddings());
        }
    }

    @Test
    void exactAndHnswFindTheSameNeighboursOnASmallGallery() throws Exception {
        Random random = new Random(7);
        int dim = 16;
        Gallery g = Gallery.openOrCreate(tmp.resolve("g"), "m", dim, HnswParams.DEFAULTS);
        List<Enrollment> people = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            people.add(Enrollment.of(String.format("id%03d", i), Vectors.unit(random, dim)));
        }
        g.enrollAll(people);
        try (GallerySnapshot snap = g.snapshot()) {
            assertEquals(300, snap.size());
            for (int q = 0; q < 50; q++) {
                float[] query = Vectors.unit(random, dim);
                List<Hit> exact = snap.index(IndexKind.EXACT).search(query, 5);
                List<Hit> hnsw = snap.index(IndexKind.HNSW).search(query, 5);
                // ef 100 on 300 nodes explores most of the graph: the same top 5 (ids and cosines).
                assertEquals(exact.stream().map(Hit::id).toList(), hnsw.stream().map(Hit::id).toList());
                for (int i = 0; i < 5; i++) {
                    assertEquals(exact.get(i).cosine(), hnsw.get(i).cosine(), 2e-6);
                }
            }
        }
    }

    @Test
    void removeDeletesOneIdentityAndAnUnknownIdIsAnError() throws Exception {
        Gallery g = Gallery.openOrCreate(tmp.resolve("g"), "m", 2, HnswParams.DEFAULTS);
        g.enrollAll(List.of(Enrollment.of("a", new float[] {1, 0}), Enrollment.of("b", new float[] {0, 1})));
        assertEquals(List.of("a"), g.remove("a").removed());
        try (GallerySnapshot snap = g.snapshot()) {
            assertEquals(List.of("b"), snap.identities().stream().map(Identity::id).toList());
            assertEquals("b", snap.index(IndexKind.EXACT).search(new float[] {1, 0}, 3).get(0).id());
            assertEquals(List.of("b"), snap.index(IndexKind.HNSW).search(new float[] {1, 0}, 3).stream().map(Hit::id).toList());
            assertEquals(1, snap.manifest().identities());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.remove("zed"));
        assertTrue(e.getMessage().startsWith("no identity 'zed' in gallery"), e.getMessage());
    }

    @Test
    void anotherModelOrBadEmbeddingIsOneClearError() throws Exception {
        Path dir = tmp.resolve("g");
        Gallery g = Gallery.openOrCreate(dir, "arcface.onnx@ab12", 4, HnswParams.DEFAULTS);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Gallery.openOrCreate(dir, "sphereface.onnx@cd34", 4, HnswParams.DEFAULTS));
        assertEquals("gallery " + dir + " was built with model arcface.onnx@ab12 (dim 4), not with sphereface.onnx@cd34 (dim 4): "
                + "use that model, or enroll into a new gallery", other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.enroll(Enrollment.of("x", new float[] {1, 0, 0})));
        assertThrows(IllegalArgumentException.class, () -> g.enroll(Enrollment.of("x", new float[4])));
        assertThrows(IllegalArgumentException.class, () -> g.enroll(Enrollment.of(" x", new float[] {1, 0, 0, 0})));
        // Opposite embeddings have no mean direction: refused, nothing written.
        assertThrows(IllegalArgumentException.class,
                () -> g.enroll(Enrollment.of("x", new float[] {1, 0, 0, 0}, new float[] {-1, 0, 0, 0})));
        assertEquals(0, g.manifest().identities());
    }

    @Test
    void aFolderThatIsNotAGalleryIsRefused() throws Exception {
        Path dir = tmp.resolve("stuff");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "mine");
        GalleryFormatException e = assertThrows(GalleryFormatException.class,
                () -> Gallery.openOrCreate(dir, "m", 4, HnswParams.DEFAULTS));
        assertTrue(e.getMessage().contains("not a gallery"), e.getMessage());
        assertArrayEquals(new String[] {"notes.txt"}, dir.toFile().list());
    }

    @Test
    void aCalibrationIsStoredInTheManifestAndSurvivesLaterWrites() throws Exception {
        Gallery g = Gallery.openOrCreate(tmp.resolve("g"), "m", 2, HnswParams.DEFAULTS);
        dev.hypersphere.search.calibrate.Calibration c = new dev.hypersphere.search.calibrate.Calibration(
                0.42, 1e-3, 8e-4, 0.97, 3000, 3000, "pairs.txt", "m", "2025-01-01T00:00:00Z");
        g.setCalibration(c);
        g.enroll(Enrollment.of("a", new float[] {1, 0}));
        assertEquals(c, Gallery.open(tmp.resolve("g")).manifest().calibration());
    }
}
