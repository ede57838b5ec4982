package dev.hypersphere.face.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX embedder reproduces PyTorch's float64 outputs of the same tiny nets (tools/make_face_fixtures.py). */
class OnnxFaceEmbedderTest {

    private static void assertMatches(JsonNode reference, float[][] rows) {
        JsonNode expected = reference.get("embeddings");
        assertEquals(expected.size(), rows.length);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(expected.get(i).size(), rows[i].length);
            for (int d = 0; d < rows[i].length; d++) {
                double e = expected.get(i).get(d).asDouble();
                assertEquals(e, rows[i][d], 1e-4 + 1e-4 * Math.abs(e), "image " + i + " component " + d);
            }
        }
    }

    private static float[] batch(int n, int channels, int height, int width) {
        int length = channels * height * width;
        float[] out = new float[n * length];
        for (int k = 0; k < n; k++) {
            System.arraycopy(Fixtures.pattern(k, channels, height, width), 0, out, k * length, length);
        }
        return out;
    }

    @Test
    void insightfaceStyleModelWithDefaultPreprocessing(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        JsonNode reference = Fixtures.reference("tiny_embedder.onnx");
        try (FaceEmbedder embedder = FaceEmbedders.open(model)) {
            assertEquals(3, embedder.channels());
            assertEquals(112, embedder.height());
            assertEquals(112, embedder.width());
            assertEquals(16, embedder.dim());
            assertMatches(reference, embedder.embed(batch(3, 3, 112, 112), 3));
            assertTrue(embedder.modelId().matches("tiny_embedder\\.onnx@sha256:[0-9a-f]{64}"), embedder.modelId());
        }
    }

    @Test
    void greyFixedBatchModelFedByItsDescription(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_grey_fixed.onnx", tmp);
        Fixtures.copy("tiny_grey_fixed.onnx.json", tmp);
        JsonNode reference = Fixtures.reference("tiny_grey_fixed.onnx");
        try (FaceEmbedder embedder = FaceEmbedders.open(model)) {
            assertEquals(1, embedder.channels());
            assertEquals(64, embedder.height());
            assertEquals(48, embedder.width());
            assertEquals(8, embedder.dim());
            assertMatches(reference, embedder.embed(batch(3, 1, 64, 48), 3));   // three runs of the batch-1 model
        }
    }

    @Test
    void bgrOrderAndPerChannelMeanAreApplied(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        Files.writeString(tmp.resolve("tiny_embedder.onnx.json"),
                "{\"channel_order\": \"BGR\", \"mean\": [10, 20, 30], \"std\": 64}");
        float[] rgb = Fixtures.pattern(0, 3, 112, 112);
        int plane = 112 * 112;
        // What the model must see, built by hand: B, G, R planes, (x − mean_c)/64 in the model's order …
        // … equals feeding the default (RGB, 127.5) spec an input whose planes are pre-arranged to give the same tensor.
        float[] equivalent = new float[3 * plane];
        float[] mean = {10, 20, 30};
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < plane; p++) {
                float modelValue = (rgb[(2 - c) * plane + p] - mean[c]) / 64f;
                equivalent[c * plane + p] = modelValue * 127.5f + 127.5f;
            }
        }
        float[][] withSpec;
        String idWithSpec;
        try (FaceEmbedder embedder = FaceEmbedders.open(model)) {
            withSpec = embedder.embed(rgb, 1);
            idWithSpec = embedder.modelId();
        }
        Files.delete(tmp.resolve("tiny_embedder.onnx.json"));
        try (FaceEmbedder plain = FaceEmbedders.open(model)) {
            float[][] expected = plain.embed(equivalent, 1);
            for (int d = 0; d < 16; d++) {
                assertEquals(expected[0][d], withSpec[0][d], 1e-4);
            }
            assertNotEquals(idWithSpec, plain.modelId(), "the description file is part of the model's id");
        }
    }

    @Test
    void wrongInputShapeNamesExpectedAndFound(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        Files.writeString(tmp.resolve("tiny_embedder.onnx.json"), "{\"height\": 96, \"width\": 96}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceEmbedders.open(model));
        assertTrue(e.getMessage().contains("has shape [?, 3, 112, 112], expected N×3×96×96"), e.getMessage());
        assertTrue(e.getMessage().contains("tiny_embedder.onnx"), e.getMessage());
    }

    @Test
    void badDescriptionFileIsOneClearError(@TempDir Path tmp) throws IOException {
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        Files.writeString(tmp.resolve("tiny_embedder.onnx.json"), "{\"means\": 127.5}");
        IOException e = assertThrows(IOException.class, () -> FaceEmbedders.open(model));
        assertTrue(e.getMessage().contains("unknown key 'means'") && e.getMessage().contains("valid: channel_order"), e.getMessage());
        Files.writeString(tmp.resolve("tiny_embedder.onnx.json"), "{\"channel_order\": \"RBG\"}");
        e = assertThrows(IOException.class, () -> FaceEmbedders.open(model));
        assertTrue(e.getMessage().contains("channel_order must be RGB or BGR"), e.getMessage());
    }

    @Test
    void notAModel(@TempDir Path tmp) throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.onnx"), "not a protobuf");
        IOException e = assertThrows(IOException.class, () -> FaceEmbedders.open(junk));
        assertTrue(e.getMessage().startsWith(junk + ": not a model ONNX Runtime can load"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> FaceEmbedders.open(tmp.resolve("none.onnx")));
        assertTrue(missing.getMessage().contains("none.onnx: no such model"), missing.getMessage());
        IOException folder = assertThrows(IOException.class, () -> FaceEmbedders.open(tmp));
        assertTrue(folder.getMessage().contains("not a run folder"), folder.getMessage());
    }

    @Test
    void aDetectorIsNotAnEmbedder() {
        Path yunet = SharedData.models().map(m -> m.resolve("yunet/yunet_s_dynamic.onnx")).filter(Files::isRegularFile).orElse(null);
        Assumptions.assumeTrue(yunet != null, SharedData.missing("../models/yunet/yunet_s_dynamic.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceEmbedders.open(yunet));
        assertTrue(e.getMessage().contains("output 'cls_8' has shape [?, ?, 1], expected N×d"), e.getMessage());
    }
}
