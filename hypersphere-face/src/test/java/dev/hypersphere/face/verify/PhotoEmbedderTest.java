package dev.hypersphere.face.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.face.TestImages;
import dev.hypersphere.face.embed.Fixtures;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos embedded on several threads: centre-crop fallbacks counted and named, same rows for any thread count, errors named. */
class PhotoEmbedderTest {

    /** {@code people} folders of {@code each} flat grey 120×100 PNGs (grey level differs per image): no face anywhere. */
    static Path greyPhotos(Path dir, int people, int each) throws IOException {
        for (int p = 0; p < people; p++) {
            for (int i = 1; i <= each; i++) {
                float[] planes = new float[3 * 120 * 100];
                Arrays.fill(planes, 60 + 10 * p + i);
                Path file = dir.resolve("P" + p).resolve(String.format("P%d_%04d.png", p, i));
                Files.createDirectories(file.getParent());
                new RgbImage(120, 100, planes).writePng(file);
            }
        }
        return dir;
    }

    static void assertUnitRows(PhotoEmbeddings e) {
        for (int i = 0; i < e.size(); i++) {
            double sum = 0;
            for (int k = 0; k < e.dim(); k++) {
                sum += (double) e.rows()[i * e.dim() + k] * e.rows()[i * e.dim() + k];
            }
            assertEquals(1.0, sum, 1e-5, "row " + i);
        }
    }

    @Test
    void faceFreePhotosFallBackToTheCentreCropAndAreCounted(@TempDir Path tmp) throws IOException {
        Path yunet = TestImages.yunet("yunet_s_dynamic.onnx").orElse(null);
        Assumptions.assumeTrue(yunet != null, SharedData.missing("../models/yunet"));
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        PhotoCollection photos = PhotoCollection.open(greyPhotos(tmp.resolve("photos"), 3, 2), null);
        FacePipelineOptions options = FacePipelineOptions.defaults(model, yunet).withPolicy(MultiFacePolicy.CENTRAL)
                .withCentreCropFallback(true);
        List<Long> progress = new ArrayList<>();
        PhotoEmbeddings e = PhotoEmbedder.embed(options, photos.photos(), 2, (done, total) -> progress.add(done));
        assertEquals(6, e.size());
        assertEquals(6, e.centreCropFallbacks());
        assertEquals(0, e.detected());
        assertEquals(List.of("P0/P0_0001.png", "P0/P0_0002.png", "P1/P1_0001.png", "P1/P1_0002.png", "P2/P2_0001.png",
                "P2/P2_0002.png"), e.fallbackNames());
        assertEquals(6, e.json().get("centre_crop_fallbacks"));
        assertEquals(6L, progress.get(progress.size() - 1));
        assertUnitRows(e);

        // Without the fallback the same photos have no face: counted, and their rows stay zero.
        PhotoEmbeddings none = PhotoEmbedder.embed(options.withCentreCropFallback(false), photos.photos(), 1, null);
        assertEquals(6, none.faceless());
        assertEquals(0, none.centreCropFallbacks());
        assertTrue(!none.embedded(0));
        for (float v : none.rows()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void rowsDoNotDependOnTheThreadCount(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        // 70 photos: three batches, so that both threads get work and the last batch is partial.
        PhotoCollection photos = PhotoCollection.open(greyPhotos(tmp.resolve("photos"), 7, 10), null);
        FacePipelineOptions options = FacePipelineOptions.defaults(model, null).withFlipFusion(true);
        PhotoEmbeddings one = PhotoEmbedder.embed(options, photos.photos(), 1, null);
        PhotoEmbeddings two = PhotoEmbedder.embed(options, photos.photos(), 2, null);
        assertEquals(70, one.wholeImages());
        assertEquals(0, one.centreCropFallbacks());
        assertEquals(16, one.dim());
        assertArrayEquals(one.rows(), two.rows());
        assertUnitRows(two);
        assertEquals(2, two.timing().get("pipelines"));
    }

    @Test
    void aPhotoThatDoesNotDecodeIsNamed(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        Path dir = greyPhotos(tmp.resolve("photos"), 2, 3);
        Files.write(dir.resolve("P1/P1_0002.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        PhotoCollection photos = PhotoCollection.open(dir, null);
        IOException e = assertThrows(IOException.class,
                () -> PhotoEmbedder.embed(FacePipelineOptions.defaults(model, null), photos.photos(), 2, null));
        assertTrue(e.getMessage().startsWith(dir.resolve("P1/P1_0002.png").toString()), e.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> PhotoEmbedder.embed(
                FacePipelineOptions.defaults(model, null).withPolicy(MultiFacePolicy.ALL), photos.photos(), 1, null));
        assertTrue(all.getMessage().contains("one embedding per photo"), all.getMessage());
    }
}
