package dev.hypersphere.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.data.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each transform against values worked by hand or by PyTorch; the pipeline's determinism and its JSON form. */
class TransformsTest {

    private static Sample sample(float[] pixels, int c, int h, int w) {
        return new Sample(pixels, c, h, w, 4, "test");
    }

    @Test
    void insightfaceNormalisationWorkedByHand() {
        Sample s = sample(new float[] {0, 255, 127.5f, 51, 204}, 1, 1, 5);
        float[] out = Normalize.insightface().apply(s, null).pixels();
        // (x/255 − 0.5)/0.5: 0 → −1, 255 → 1, 127.5 → 0, 51 → 0.2·2 − 1 = −0.6, 204 → 0.8·2 − 1 = 0.6
        float[] expected = {-1f, 1f, 0f, -0.6f, 0.6f};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out[i], 1e-6, "value " + i);
        }
        Normalize imagenet = new Normalize(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
        float[] rgb = imagenet.apply(sample(new float[] {255, 0, 51}, 3, 1, 1), null).pixels();
        assertEquals((1 - 0.485) / 0.229, rgb[0], 1e-5);
        assertEquals((0 - 0.456) / 0.224, rgb[1], 1e-5);
        assertEquals((0.2 - 0.406) / 0.225, rgb[2], 1e-5);
    }

    @Test
    void bilinearMatchesPyTorchInterpolate() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/reference/bilinear.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        int c = fixture.get("channels").asInt();
        int h = fixture.get("height").asInt();
        int w = fixture.get("width").asInt();
        float[] input = new float[c * h * w];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) fixture.get("input").get(i).asDouble();
        }
        for (JsonNode cs : fixture.get("cases")) {
            int oh = cs.get("height").asInt();
            int ow = cs.get("width").asInt();
            float[] out = Bilinear.resize(input, c, h, w, oh, ow);
            assertEquals(c * oh * ow, out.length);
            for (int i = 0; i < out.length; i++) {
                assertEquals(cs.get("output").get(i).asDouble(), out[i], 1e-3, oh + "×" + ow + " value " + i);
            }
        }
    }

    @Test
    void bilinearUpsamplingWorkedByHand() {
        // 1×2 → 1×4: source x = (i + 0.5)/2 − 0.5 = −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to the last pixel)
        float[] out = Bilinear.resize(new float[] {0, 100}, 1, 1, 2, 1, 4);
        assertArrayEquals(new float[] {0, 25, 75, 100}, out, 1e-5f);
        // Same size is the identity.
        float[] same = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(same, Bilinear.resize(same, 1, 2, 3, 2, 3));
    }

    @Test
    void flipMirrorsEachRowOfEachChannel() {
        float[] p = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};   // 2 channels × 2 rows × 3
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, HorizontalFlip.flip(p, 2, 2, 3));
        Sample s = sample(p, 2, 2, 3);
        assertEquals(s, new HorizontalFlip(0).apply(s, new SplittableRandom(1)));
        assertArrayEquals(HorizontalFlip.flip(p, 2, 2, 3), new HorizontalFlip(1).apply(s, new SplittableRandom(1)).pixels());
    }

    @Test
    void channelAdaptationUsesLumaOneWayAndReplicationTheOther() {
        Sample rgb = sample(new float[] {200, 0, 100, 255, 50, 10}, 3, 1, 2);
        float[] grey = new ChannelAdapt(1).apply(rgb, null).pixels();
        assertEquals(0.299 * 200 + 0.587 * 100 + 0.114 * 50, grey[0], 1e-4);
        assertEquals(0.299 * 0 + 0.587 * 255 + 0.114 * 10, grey[1], 1e-4);
        assertArrayEquals(new float[] {7, 9, 7, 9, 7, 9}, new ChannelAdapt(3).apply(sample(new float[] {7, 9}, 1, 1, 2), null).pixels());
    }

    @Test
    void randomResizedCropStaysInsideTheImageAndFollowsItsRanges() {
        RandomResizedCrop crop = new RandomResizedCrop(8, 8, 0.3, 0.6, 0.75, 1.3333);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            int[] box = crop.window(40, 60, random);
            assertTrue(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 40 && box[1] + box[3] <= 60, java.util.Arrays.toString(box));
            double area = (double) box[2] * box[3] / (40 * 60);
            assertTrue(area > 0.25 && area < 0.66, "area fraction " + area);   // rounding of the sides widens the range a little
            double ratio = (double) box[3] / box[2];
            assertTrue(ratio > 0.65 && ratio < 1.5, "ratio " + ratio);
        }
        // Nothing fits (a 1-pixel-high strip asked for a square): torchvision's fallback, the central crop at the ratio bound.
        int[] fallback = new RandomResizedCrop(4, 4, 0.9, 1.0, 1.0, 1.0).window(2, 100, new SplittableRandom(3));
        assertArrayEquals(new int[] {0, 49, 2, 2}, fallback);
        Sample s = crop.apply(sample(new float[3 * 40 * 60], 3, 40, 60), new SplittableRandom(1));
        assertEquals(8, s.height());
        assertEquals(8, s.width());
    }

    @Test
    void colourJitterWithoutAmountsIsTheIdentityAndStaysInRange() {
        float[] p = {0, 64, 128, 255, 10, 20, 30, 40, 200, 100, 50, 25};
        Sample s = sample(p, 3, 2, 2);
        assertArrayEquals(p, new ColorJitter(0, 0, 0).apply(s, new SplittableRandom(1)).pixels());
        ColorJitter strong = new ColorJitter(0.9, 0.9, 0.9);
        boolean changed = false;
        for (int seed = 0; seed < 20; seed++) {
            float[] out = strong.apply(s, new SplittableRandom(seed)).pixels();
            for (float v : out) {
                assertTrue(v >= 0 && v <= 255, "value " + v);
            }
            changed |= !java.util.Arrays.equals(out, p);
        }
        assertTrue(changed);
        // Zero saturation factor turns a pixel grey: check the blend formula with a fixed draw.
        Sample flat = sample(new float[] {200, 100, 50}, 3, 1, 1);
        float[] grey = new ColorJitter(0, 0, 1.0).apply(flat, new SplittableRandom(5)).pixels();
        double f = saturationFactor(5);
        double luma = 0.299 * 200 + 0.587 * 100 + 0.114 * 50;
        assertEquals(f * 200 + (1 - f) * luma, grey[0], 1e-3);
        assertEquals(f * 50 + (1 - f) * luma, grey[2], 1e-3);
    }

    /** The factor ColorJitter(0, 0, 1) draws from a fresh SplittableRandom(seed): after the order shuffle's two draws. */
    private static double saturationFactor(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        r.nextInt(3);
        r.nextInt(2);
        return 0 + 2 * r.nextDouble();
    }

    @Test
    void pipelineResultDependsOnlyOnSeedEpochAndIndex() {
        Preprocessing pre = Preprocessing.insightface(3, 12, 10)
                .withCrop(new Preprocessing.Crop(0.5, 1, 0.75, 1.33)).withJitter(new Preprocessing.Jitter(0.4, 0.4, 0.4));
        float[] pixels = new float[3 * 20 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37) % 256;
        }
        Sample s = sample(pixels, 3, 20, 16);
        Pipeline a = Pipeline.training(pre, 11);
        Pipeline b = Pipeline.training(pre, 11);
        assertArrayEquals(a.apply(s, 2, 5).pixels(), b.apply(s, 2, 5).pixels());
        assertArrayEquals(a.apply(s, 2, 5).pixels(), a.apply(s, 2, 5).pixels());
        assertFalse(java.util.Arrays.equals(a.apply(s, 2, 5).pixels(), a.apply(s, 3, 5).pixels()), "another epoch");
        assertFalse(java.util.Arrays.equals(a.apply(s, 2, 5).pixels(), a.apply(s, 2, 6).pixels()), "another index");
        assertFalse(java.util.Arrays.equals(a.apply(s, 2, 5).pixels(), Pipeline.training(pre, 12).apply(s, 2, 5).pixels()),
                "another seed");
        Sample out = a.apply(s, 0, 0);
        assertEquals(12, out.height());
        assertEquals(10, out.width());
        assertEquals(4, out.label());

        // The evaluation pipeline is resize + normalise only: the same for every epoch and index.
        Pipeline eval = Pipeline.evaluation(pre);
        float[] expected = Normalize.insightface().apply(new Resize(12, 10).apply(s, null), null).pixels();
        assertArrayEquals(expected, eval.apply(s, 0, 0).pixels());
        assertArrayEquals(expected, eval.apply(s, 9, 3).pixels());
    }

    @Test
    void preprocessingRoundTripsThroughJsonAndRejectsNonsense() {
        Preprocessing pre = Preprocessing.insightface(3, 112, 112)
                .withCrop(new Preprocessing.Crop(0.8, 1, 0.9, 1.1)).withJitter(new Preprocessing.Jitter(0.2, 0.3, 0.1));
        String json = pre.toJson();
        assertEquals(pre, Preprocessing.fromJson(json));
        assertTrue(json.contains("\"flipProbability\" : 0.5"), json);
        Preprocessing eval = pre.evaluation();
        assertFalse(eval.isRandom());
        assertTrue(pre.isRandom());
        assertEquals(Preprocessing.plain(3, 112, 112), Preprocessing.fromJson(eval.withCrop(null).toJson()).withJitter(null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fromJson(json.replace("\"channels\" : 3", "\"channels\" : 2")));
        assertTrue(bad.getMessage().contains("channels must be 1 (grey) or 3 (RGB), got 2"), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fromJson("{\"chanels\": 3}"));
        assertTrue(unknown.getMessage().startsWith("preprocessing JSON: "), unknown.getMessage());
        assertNotEquals(pre, eval);
    }
}
