package dev.hypersphere.face.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.DetectedFace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YuNet's head decoding on hand-made outputs for a 64×64 input (8×8, 4×4 and 2×2 grids). */
class YuNetDecoderTest {

    private static List<YuNetDecoder.Head> emptyHeads(int size) {
        List<YuNetDecoder.Head> heads = new ArrayList<>();
        for (int s : YuNetDecoder.STRIDES) {
            int p = (size / s) * (size / s);
            heads.add(new YuNetDecoder.Head(s, new float[p], new float[p], new float[4 * p], new float[10 * p]));
        }
        return heads;
    }

    @Test
    void decodesOnePointByTheFormula() {
        List<YuNetDecoder.Head> heads = emptyHeads(64);
        YuNetDecoder.Head h16 = heads.get(1);
        int i = 1 * 4 + 2;   // row 1, column 2 of the 4×4 grid
        h16.cls()[i] = 0.81f;
        h16.obj()[i] = 1.7f;   // clamped to 1 → score √0.81 = 0.9
        h16.bbox()[4 * i] = 0.5f;
        h16.bbox()[4 * i + 1] = 0.25f;
        h16.bbox()[4 * i + 2] = (float) Math.log(2);
        h16.bbox()[4 * i + 3] = 0f;
        for (int k = 0; k < 5; k++) {
            h16.kps()[10 * i + 2 * k] = 0.1f * k;
            h16.kps()[10 * i + 2 * k + 1] = -0.2f * k;
        }
        heads.get(0).cls()[5] = 0.3f;   // stride 8, scores √(0.3·0.5) ≈ 0.39: under the threshold
        heads.get(0).obj()[5] = 0.5f;
        List<DetectedFace> faces = YuNetDecoder.decode(heads, 64, 64, 0.5f);
        assertEquals(1, faces.size());
        DetectedFace f = faces.get(0);
        assertEquals(0.9f, f.score(), 1e-6);
        // centre ((2 + 0.5)·16, (1 + 0.25)·16) = (40, 20); size (2·16, 1·16) = (32, 16)
        assertEquals(24f, f.x(), 1e-4);
        assertEquals(12f, f.y(), 1e-4);
        assertEquals(32f, f.width(), 1e-4);
        assertEquals(16f, f.height(), 1e-4);
        float[] expected = new float[10];
        for (int k = 0; k < 5; k++) {
            expected[2 * k] = (2 + 0.1f * k) * 16;
            expected[2 * k + 1] = (1 - 0.2f * k) * 16;
        }
        assertArrayEquals(expected, f.landmarks(), 1e-4f);
        assertEquals(2, YuNetDecoder.decode(heads, 64, 64, 0.35f).size());
    }

    @Test
    void negativeOrNanScoresCountAsZero() {
        List<YuNetDecoder.Head> heads = emptyHeads(32);
        heads.get(2).cls()[0] = -0.5f;
        heads.get(2).obj()[0] = 1f;
        heads.get(1).cls()[0] = Float.NaN;
        heads.get(1).obj()[0] = 1f;
        assertTrue(YuNetDecoder.decode(heads, 32, 32, 0f).stream().allMatch(f -> f.score() == 0f));
    }

    @Test
    void headsThatDoNotFitTheInputAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YuNetDecoder.decode(emptyHeads(64), 96, 64, 0.5f));
        assertTrue(e.getMessage().contains("stride 8: expected 96 points for a 96×64 input"), e.getMessage());
    }

    @Test
    void nonMaximumSuppressionKeepsTheBestOfOverlappingBoxes() {
        float[] none = new float[10];
        DetectedFace a = new DetectedFace(0, 0, 10, 10, 0.9f, none);
        DetectedFace b = new DetectedFace(5, 0, 10, 10, 0.95f, none);    // IoU with a: 50/150 = 1/3
        DetectedFace c = new DetectedFace(1, 1, 10, 10, 0.8f, none);     // IoU with a: 81/119
        DetectedFace d = new DetectedFace(40, 40, 10, 10, 0.7f, none);   // apart
        assertEquals(1f / 3f, NonMaxSuppression.iou(a, b), 1e-6);
        assertEquals(List.of(b, d), NonMaxSuppression.apply(List.of(a, b, c, d), 0.3f, 10));
        assertEquals(List.of(b, a, d), NonMaxSuppression.apply(List.of(a, b, c, d), 0.4f, 10));
        assertEquals(List.of(b), NonMaxSuppression.apply(List.of(a, b, c, d), 0.3f, 1));
    }
}
