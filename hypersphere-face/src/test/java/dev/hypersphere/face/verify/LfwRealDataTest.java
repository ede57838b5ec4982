package dev.hypersphere.face.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.TestImages;
import dev.hypersphere.face.embed.Fixtures;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real LFW View 2 pairs file against the deep-funneled archive: every image it names is there, its 10 folds
 * share no person, and a few photos go through YuNet and the tiny embedder. Skips without the shared data.
 */
class LfwRealDataTest {

    @Test
    void viewTwoResolvesInTheArchiveAndItsFoldsShareNoPerson(@TempDir Path tmp) throws IOException {
        Path pairsFile = SharedData.resolve("lfw/pairs.txt").orElse(null);
        Path archive = SharedData.resolve("lfw/lfw-deepfunneled.tar.gz").orElse(null);
        Assumptions.assumeTrue(pairsFile != null && archive != null, SharedData.missing("lfw/pairs.txt + lfw/lfw-deepfunneled.tar.gz"));
        PairImages pairs = PairImages.read(pairsFile);
        assertEquals(6000, pairs.pairs().size());
        assertEquals(3000, pairs.pairs().sameCount());
        assertEquals(10, pairs.folds());
        assertEquals(7701, pairs.images().size());
        assertTrue(pairs.pairs().warnings().isEmpty(), pairs.pairs().warnings().toString());
        FoldDisjointness disjoint = pairs.disjointness();
        System.out.println("LfwRealDataTest: " + disjoint.summary());
        assertTrue(disjoint.holds(), disjoint.json().toString());
        assertEquals(4281, disjoint.people());
        Set<String> first = pairs.people(List.of(0));
        Set<String> others = new HashSet<>(pairs.people(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        others.retainAll(first);
        assertTrue(others.isEmpty() && !first.isEmpty());

        PhotoCollection photos = PhotoCollection.open(archive, null);
        assertEquals("lfw-deepfunneled/", photos.root());
        assertEquals(13233, photos.size());
        assertEquals(5749, photos.people().size());
        List<PhotoCollection.Photo> resolved = pairs.resolve(photos);
        assertEquals("Abel_Pacheco/Abel_Pacheco_0001.jpg", resolved.get(0).name());

        Path yunet = TestImages.yunet("yunet_s_dynamic.onnx").orElse(null);
        Assumptions.assumeTrue(yunet != null, SharedData.missing("../models/yunet"));
        FacePipelineOptions options = LfwEvaluation.forPhotos(FacePipelineOptions.defaults(Fixtures.copy("tiny_embedder.onnx", tmp), yunet));
        PhotoEmbeddings embedded = PhotoEmbedder.embed(options, resolved.subList(0, 32), 2, null);
        assertEquals(32, embedded.detected() + embedded.centreCropFallbacks());
        assertTrue(embedded.detected() >= 28, "faces found in only " + embedded.detected() + " of 32 LFW photos");
    }
}
