package dev.hypersphere.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.embed.FaceEmbedder;
import dev.hypersphere.face.embed.FaceEmbedders;
import dev.hypersphere.face.embed.Fixtures;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline with the tiny ONNX embedders: no-detection mode against PyTorch's outputs, batching, flip, policies, errors. */
class FacePipelineTest {

    private static Path png(Path dir, String name, float[] planes, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        new RgbImage(width, height, planes).writePng(file);
        return file;
    }

    private static float[] unit(JsonNode row) {
        float[] v = new float[row.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) row.get(i).asDouble();
        }
        return FacePipeline.normalised(v);
    }

    private static void assertUnit(float[] v) {
        double sum = 0;
        for (float x : v) {
            assertTrue(Float.isFinite(x));
            sum += x * x;
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void faceCropsWithoutDetectionMatchTheReference(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        JsonNode reference = Fixtures.reference("tiny_embedder.onnx").get("embeddings");
        List<Path> images = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            images.add(png(tmp, k + ".png", Fixtures.pattern(k, 3, 112, 112), 112, 112));
        }
        try (FacePipeline pipeline = FacePipeline.open(FacePipelineOptions.defaults(model, null))) {
            assertEquals(16, pipeline.dim());
            List<Long> progress = new ArrayList<>();
            List<FaceAnalysis> results = pipeline.analyzeAll(images, progress::add);
            assertEquals(List.of(3L), progress);
            for (int k = 0; k < 3; k++) {
                FaceAnalysis a = results.get(k);
                assertEquals(images.get(k), a.image());
                assertEquals(1, a.faces().size());
                Face face = a.faces().get(0);
                assertEquals(112f, face.detection().width());
                assertFalse(face.detection().hasLandmarks());
                float[] expected = unit(reference.get(k));
                for (int d = 0; d < 16; d++) {
                    assertEquals(expected[d], face.embedding()[d], 2e-5, "image " + k);
                }
            }
        }
    }

    @Test
    void greyModelsGetTheMeanOfRgbAtTheirSize(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_grey_fixed.onnx", tmp);
        Fixtures.copy("tiny_grey_fixed.onnx.json", tmp);
        JsonNode reference = Fixtures.reference("tiny_grey_fixed.onnx").get("embeddings");
        // A colour image whose channel mean is the reference's grey pattern: R = p, G = p + t, B = p − t.
        float[] p = Fixtures.pattern(1, 1, 64, 48);
        int plane = p.length;
        float[] rgb = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            float t = Math.min(20, Math.min(p[i], 255 - p[i]));
            rgb[i] = p[i];
            rgb[plane + i] = p[i] + t;
            rgb[2 * plane + i] = p[i] - t;
        }
        Path image = png(tmp, "colour.png", rgb, 48, 64);
        try (FacePipeline pipeline = FacePipeline.open(FacePipelineOptions.defaults(model, null))) {
            float[] embedding = pipeline.analyze(image).faces().get(0).embedding();
            float[] expected = unit(reference.get(1));
            for (int d = 0; d < 8; d++) {
                assertEquals(expected[d], embedding[d], 2e-5);
            }
        }
    }

    @Test
    void batchesGiveTheSameAsSingleImagesAndFlipFusionAddsTheMirror(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        List<Path> images = new ArrayList<>();
        for (int k = 0; k < FacePipeline.BATCH + 9; k++) {   // more than one batch; sizes that need resizing
            int w = 60 + k;
            images.add(png(tmp, "i" + k + ".png", Fixtures.pattern(k, 3, 90, w), w, 90));
        }
        List<Long> progress = new ArrayList<>();
        try (FacePipeline pipeline = FacePipeline.open(FacePipelineOptions.defaults(model, null));
             FacePipeline flipped = FacePipeline.open(FacePipelineOptions.defaults(model, null).withFlipFusion(true));
             FaceEmbedder raw = FaceEmbedders.open(model)) {
            List<FaceAnalysis> all = pipeline.analyzeAll(images, progress::add);
            assertEquals(images.size(), progress.get(progress.size() - 1));
            assertTrue(progress.size() >= 2, "progress after each batch: " + progress);
            for (int k = 0; k < images.size(); k += 7) {
                float[] one = pipeline.analyze(images.get(k)).faces().get(0).embedding();
                float[] batched = all.get(k).faces().get(0).embedding();
                for (int d = 0; d < 16; d++) {
                    assertEquals(one[d], batched[d], 1e-5);
                }
                assertUnit(batched);
            }
            Path image = images.get(3);
            float[] crop = pipeline.crops(image).get(0).crop();
            float[] e = raw.embed(crop, 1)[0];
            float[] m = raw.embed(RgbImage.of(new dev.hypersphere.data.image.DecodedImage(crop, 3, 112, 112)).mirrored().planes(), 1)[0];
            float[] sum = new float[16];
            for (int d = 0; d < 16; d++) {
                sum[d] = e[d] + m[d];
            }
            float[] expected = FacePipeline.normalised(sum);
            float[] fused = flipped.analyze(image).faces().get(0).embedding();
            for (int d = 0; d < 16; d++) {
                assertEquals(expected[d], fused[d], 1e-5);
            }
        }
    }

    @Test
    void unreadableImagesNameTheFile(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        Path missing = tmp.resolve("missing.jpg");
        Path corrupt = Files.writeString(tmp.resolve("corrupt.png"), "not an image");
        try (FacePipeline pipeline = FacePipeline.open(FacePipelineOptions.defaults(model, null))) {
            IOException e = assertThrows(IOException.class, () -> pipeline.analyze(missing));
            assertTrue(e.getMessage().startsWith(missing + ": cannot read the image"), e.getMessage());
            e = assertThrows(IOException.class, () -> pipeline.analyzeAll(List.of(corrupt), null));
            assertTrue(e.getMessage().startsWith(corrupt.toString()), e.getMessage());
        }
    }

    @Test
    void optionsAreChecked() {
        Path any = Path.of("m.onnx");
        assertThrows(IllegalArgumentException.class, () -> FacePipelineOptions.defaults(any, null).withTemplate("vggface"));
        assertThrows(IllegalArgumentException.class, () -> new FacePipelineOptions(any, null, MultiFacePolicy.ALL, 1.5f, false, null));
        assertEquals(FaceTemplate.SPHEREFACE_112X96, FaceTemplate.parse(FacePipelineOptions.defaults(any, null)
                .withTemplate("sphereface-112x96").template()));
        assertEquals(MultiFacePolicy.FAIL, MultiFacePolicy.parse("Fail"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiFacePolicy.parse("first"));
        assertTrue(e.getMessage().contains("largest, central, all or fail"), e.getMessage());
    }

    @Test
    void policiesForTwoFaces(@TempDir Path tmp) throws IOException {
        Path orl = TestImages.orl().orElse(null);
        Path yunet = TestImages.yunet("yunet_s_dynamic.onnx").orElse(null);
        Assumptions.assumeTrue(orl != null && yunet != null, SharedData.missing("orl + ../models/yunet"));
        RgbImage scene = TestImages.paste(TestImages.background(640, 480, 5), TestImages.orlFace(orl, 2, 1), 1.5, 40, 100);
        scene = TestImages.paste(scene, TestImages.orlFace(orl, 3, 1), 2.5, 330, 80);
        Path image = tmp.resolve("two.png");
        scene.writePng(image);
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        FacePipelineOptions options = FacePipelineOptions.defaults(model, yunet);
        try (FacePipeline largest = FacePipeline.open(options);
             FacePipeline all = FacePipeline.open(options.withPolicy(MultiFacePolicy.ALL));
             FacePipeline fail = FacePipeline.open(options.withPolicy(MultiFacePolicy.FAIL))) {
            List<Face> one = largest.analyze(image).faces();
            assertEquals(1, one.size());
            assertTrue(one.get(0).detection().x() > 300, "the larger face is the right one: " + one.get(0).detection());
            List<Face> both = all.analyze(image).faces();
            assertEquals(2, both.size());
            for (Face f : both) {
                assertUnit(f.embedding());
                assertTrue(f.detection().hasLandmarks());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fail.analyze(image));
            assertTrue(e.getMessage().startsWith(image + ": 2 faces found"), e.getMessage());
        }
    }
}
