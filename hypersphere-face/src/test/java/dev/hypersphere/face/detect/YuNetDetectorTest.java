package dev.hypersphere.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.face.TestImages;
import dev.hypersphere.face.embed.Fixtures;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YuNet on real photos: an ORL face pasted at a known place and scale is found there, boxes and landmarks scaled with
 * it; a faceless image gives nothing. Skips without the shared models and data.
 */
class YuNetDetectorTest {

    private static Path model(String file) {
        Path path = TestImages.yunet(file).orElse(null);
        Assumptions.assumeTrue(path != null, SharedData.missing("../models/yunet/" + file));
        return path;
    }

    private static Path orl() {
        Path path = TestImages.orl().orElse(null);
        Assumptions.assumeTrue(path != null, SharedData.missing("orl"));
        return path;
    }

    private static DetectedFace single(List<DetectedFace> faces, String what) {
        assertEquals(1, faces.size(), what + ": " + faces);
        return faces.get(0);
    }

    @Test
    void pastedFaceIsFoundWhereAndAsLargeAsItWasPasted() throws IOException {
        RgbImage face = TestImages.orlFace(orl(), 1, 1);
        for (String file : List.of("yunet_s_dynamic.onnx", "yunet_s_640_640.onnx")) {
            try (YuNetDetector detector = YuNetDetector.open(model(file))) {
                // The face's own box and landmarks, in ORL pixels: the image pasted as it is on a plain canvas.
                RgbImage plain = TestImages.paste(TestImages.background(320, 320, 1), face, 1.0, 50, 60);
                DetectedFace ref = single(detector.detect(plain, 0.6f), file + " at scale 1");
                // A face box lies inside the 92×112 photo and covers most of its width.
                assertTrue(ref.centreX() - 50 > 30 && ref.centreX() - 50 < 62 && ref.centreY() - 60 > 40 && ref.centreY() - 60 < 80,
                        "box centre in the photo: " + ref);
                assertTrue(ref.width() > 0.5 * 92 && ref.width() < 1.0 * 92, "box width " + ref.width());
                assertTrue(ref.landmarks()[0] < ref.landmarks()[2], "the right eye (YuNet's first point) is on the image's left");
                record Placement(double scale, int x, int y, int width, int height) {}
                for (Placement p : List.of(new Placement(2.0, 100, 50, 640, 480), new Placement(2.5, 300, 120, 640, 480),
                        new Placement(1.5, 37, 211, 500, 437), new Placement(5.0, 700, 300, 1600, 1200))) {
                    RgbImage scene = TestImages.paste(TestImages.background(p.width, p.height, 2), face, p.scale, p.x, p.y);
                    DetectedFace f = single(detector.detect(scene, 0.6f), file + " " + p);
                    double tolerance = 2 + 0.03 * p.scale * 112;   // a few pixels, growing with the face
                    String what = file + " " + p + ": " + f + " vs reference " + ref;
                    assertEquals(p.x + p.scale * (ref.centreX() - 50), f.centreX(), tolerance, what);
                    assertEquals(p.y + p.scale * (ref.centreY() - 60), f.centreY(), tolerance, what);
                    assertEquals(p.scale * ref.width(), f.width(), 0.1 * p.scale * ref.width(), what);
                    assertEquals(p.scale * ref.height(), f.height(), 0.1 * p.scale * ref.height(), what);
                    for (int k = 0; k < 5; k++) {
                        assertEquals(p.x + p.scale * (ref.landmarks()[2 * k] - 50), f.landmarks()[2 * k], tolerance, what + " landmark " + k);
                        assertEquals(p.y + p.scale * (ref.landmarks()[2 * k + 1] - 60), f.landmarks()[2 * k + 1], tolerance, what + " landmark " + k);
                    }
                    assertTrue(f.score() > 0.6f && f.score() <= 1f, what);
                }
            }
        }
    }

    @Test
    void noFaceInNoiseOrFlatImages() throws IOException {
        try (YuNetDetector detector = YuNetDetector.open(model("yunet_s_dynamic.onnx"))) {
            assertTrue(detector.dynamic());
            assertEquals(List.of(), detector.detect(TestImages.background(640, 480, 3), 0.6f));
            float[] grey = new float[3 * 200 * 150];
            java.util.Arrays.fill(grey, 128f);
            assertEquals(List.of(), detector.detect(new RgbImage(150, 200, grey), 0.6f));
        }
        try (YuNetDetector fixed = YuNetDetector.open(model("yunet_s_640_640.onnx"))) {
            assertFalse(fixed.dynamic());
            assertEquals(640, fixed.inputSize()[0]);
            assertEquals(List.of(), fixed.detect(TestImages.background(333, 251, 4), 0.6f));
        }
    }

    @Test
    void aModelThatIsNotYuNetIsRefusedWithBothLayouts(@TempDir Path tmp) throws IOException {
        Path embedder = Fixtures.copy("tiny_embedder.onnx", tmp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YuNetDetector.open(embedder));
        assertTrue(e.getMessage().startsWith(embedder + ": not a YuNet face detector: expected one input 'input' N×3×H×W"), e.getMessage());
        assertTrue(e.getMessage().contains("found inputs data [?, 3, 112, 112]; outputs embedding [?, 16]"), e.getMessage());
    }
}
