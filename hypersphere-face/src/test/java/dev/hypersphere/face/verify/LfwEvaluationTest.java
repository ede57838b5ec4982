package dev.hypersphere.face.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.face.embed.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LFW-style verification on generated photos (8 people, face crops embedded whole by the tiny ONNX embedder): every
 * fold, a subset of folds (= the same pairs file cut down to those folds), joining folds of two runs, all-pairs.
 */
class LfwEvaluationTest {

    static final int PEOPLE = 8;
    static final int IMAGES = 3;

    /** Person p's photos: the generator's pattern p with seeded noise per photo, 112×112 (the embedder's input). */
    static Path photos(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (int p = 0; p < PEOPLE; p++) {
            float[] base = Fixtures.pattern(p, 3, 112, 112);
            for (int i = 1; i <= IMAGES; i++) {
                float[] planes = base.clone();
                for (int k = 0; k < planes.length; k++) {
                    planes[k] = Math.max(0, Math.min(255, planes[k] + (float) random.nextDouble(-40, 40)));
                }
                Path file = dir.resolve("P" + p).resolve(String.format("P%d_%04d.png", p, i));
                Files.createDirectories(file.getParent());
                new RgbImage(112, 112, planes).writePng(file);
            }
        }
        return dir;
    }

    /** Fold f holds people 2f and 2f+1: two same and two different pairs each; people disjoint across folds. */
    static String pairs(List<Integer> folds) {
        StringBuilder text = new StringBuilder(folds.size() + "\t2\n");
        for (int f : folds) {
            int a = 2 * f;
            int b = 2 * f + 1;
            text.append(String.format("P%d\t1\t2%nP%d\t1\t3%nP%d\t3\tP%d\t2%nP%d\t1\tP%d\t1%n", a, b, a, b, a, b));
        }
        return text.toString();
    }

    static FacePipelineOptions options(Path tmp) throws IOException {
        return FacePipelineOptions.defaults(Fixtures.copy("tiny_embedder.onnx", tmp), null).withFlipFusion(true);
    }

    @Test
    void everyFoldIsScoredUnderBothProtocols(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("pairs.txt");
        Files.writeString(file, pairs(List.of(0, 1, 2, 3)));
        LfwVerification result = LfwEvaluation.verify(options(tmp), file, photos(tmp.resolve("photos")), 2, null);
        Map<String, Object> json = result.json();
        assertEquals("insightface", json.get("protocol"));
        assertEquals(List.of(0, 1, 2, 3), result.folds());
        @SuppressWarnings("unchecked")
        Map<String, Object> byProtocol = (Map<String, Object>) json.get("accuracy_by_protocol");
        assertEquals(List.of("insightface", "sphereface"), List.copyOf(byProtocol.keySet()));
        assertEquals(result.accuracy("insightface"), json.get("accuracy"));
        assertEquals(4, result.foldAccuracy("sphereface").folds().size());
        @SuppressWarnings("unchecked")
        Map<String, Object> images = (Map<String, Object>) json.get("images");
        assertEquals(PEOPLE * IMAGES, images.get("images"));
        assertEquals(PEOPLE * IMAGES, images.get("whole_images"));
        assertEquals(0, images.get("centre_crop_fallbacks"));
        @SuppressWarnings("unchecked")
        Map<String, Object> disjoint = (Map<String, Object>) json.get("people_disjoint");
        assertEquals(true, disjoint.get("holds"));
        assertEquals("sum", ((Map<?, ?>) json.get("protocol_parameters")).get("flip"));
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    @Test
    void aSubsetOfFoldsIsScoredAsIfTheFileHeldOnlyThoseFolds(@TempDir Path tmp) throws IOException {
        Path all = tmp.resolve("pairs.txt");
        Files.writeString(all, pairs(List.of(0, 1, 2, 3)));
        Path cut = tmp.resolve("pairs-1-3.txt");
        Files.writeString(cut, pairs(List.of(1, 3)));
        PhotoCollection photos = PhotoCollection.open(photos(tmp.resolve("photos")), null);
        FacePipelineOptions options = options(tmp);
        LfwVerification subset = LfwEvaluation.verify(options, PairImages.read(all), photos, List.of(3, 1), "sphereface", 1, null);
        LfwVerification alone = LfwEvaluation.verify(options, PairImages.read(cut), photos, null, "sphereface", 1, null);
        assertEquals(List.of(1, 3), subset.folds());
        for (String protocol : LfwEvaluation.PROTOCOLS) {
            FoldAccuracies a = subset.foldAccuracy(protocol);
            FoldAccuracies b = alone.foldAccuracy(protocol);
            assertEquals(List.of(1, 3), List.copyOf(a.folds().keySet()), "folds keep the pairs file's numbers");
            assertEquals(b.folds().get(0), a.folds().get(1), 1e-12, protocol);
            assertEquals(b.folds().get(1), a.folds().get(3), 1e-12, protocol);
        }
        assertEquals((double) alone.json().get("auc"), (double) subset.json().get("auc"), 1e-9);
        assertEquals(12, subset.embeddings().size(), "only the subset's photos are embedded");
        @SuppressWarnings("unchecked")
        Map<String, Object> foldAccuracy = (Map<String, Object>) subset.json().get("fold_accuracy");
        assertEquals(List.of("1", "3"), List.copyOf(foldAccuracy.keySet()));

        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> LfwEvaluation.verify(options, PairImages.read(all), photos, List.of(2), "insightface", 1, null));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LfwEvaluation.verify(options, PairImages.read(all), photos, List.of(2, 4), "insightface", 1, null));
    }

    @Test
    void foldsOfTwoRunsJoinIntoOneFigure() {
        FoldAccuracies joined = FoldAccuracies.combine(List.of(Map.of(0, 0.9, 2, 0.8), Map.of(1, 1.0, 3, 0.7)));
        assertTrue(joined.covers(4));
        assertEquals(0.85, joined.mean(), 1e-15);
        assertEquals(Math.sqrt((0.05 * 0.05 + 0.15 * 0.15 + 0.05 * 0.05 + 0.15 * 0.15) / 4), joined.std(), 1e-15);
        assertEquals(List.of(0, 1, 2, 3), joined.json().get("folds"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoldAccuracies.combine(List.of(Map.of(0, 0.9), Map.of(0, 0.8))));
        assertTrue(e.getMessage().startsWith("fold 0 is scored by more than one part"), e.getMessage());
    }

    @Test
    void allPairsScoresEveryPairOfTheChosenPeople(@TempDir Path tmp) throws IOException {
        Path dir = photos(tmp.resolve("photos"));
        // One more person with a single photo: a non-mated probe.
        Files.createDirectories(dir.resolve("Solo"));
        Files.copy(dir.resolve("P0/P0_0001.png"), dir.resolve("Solo/Solo_0001.png"));
        PhotoCollection photos = PhotoCollection.open(dir, null);
        AllPairs.Result result = AllPairs.evaluate(options(tmp), photos, null, 1, 2, null);
        int n = PEOPLE * IMAGES + 1;
        assertEquals((long) n * (n - 1) / 2, result.scores().genuine() + result.scores().impostor());
        assertEquals(PEOPLE * 3L, result.scores().genuine());
        assertEquals(PEOPLE, result.identification().outcomes().identities());
        assertEquals(PEOPLE * (IMAGES - 1), result.identification().outcomes().matedCount());
        assertEquals(n - PEOPLE, result.identification().outcomes().rank().length);
        assertTrue(result.json().containsKey("auc") && result.json().containsKey("identification"));

        List<String> some = new ArrayList<>(List.of("P1", "P2", "Solo"));
        AllPairs.Result two = AllPairs.evaluate(options(tmp), photos, some, 2, 1, null);
        assertEquals(2 * IMAGES, two.embeddings().size(), "Solo has fewer than 2 photos");
        assertTrue(((Map<?, ?>) two.json().get("identification")).containsKey("open_set_note"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllPairs.evaluate(options(tmp), photos, List.of("P1", "Nobody"), 1, 1, null));
        assertTrue(e.getMessage().contains("e.g. 'Nobody'"), e.getMessage());
    }
}
