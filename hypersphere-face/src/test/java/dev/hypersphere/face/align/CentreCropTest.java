package dev.hypersphere.face.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.RgbImage;
import org.junit.jupiter.api.Test;

/** The no-face fallback: a centred square of 0.56 × the shorter side, resampled with half-pixel centres. */
class CentreCropTest {

    @Test
    void theBoxIsCentredAndSizedFromTheShorterSide() {
        DetectedFace box = CentreCrop.box(250, 200);
        assertEquals(112.0, box.width(), 1e-4);          // 0.56 × 200
        assertEquals(box.width(), box.height(), 0);
        assertEquals(125.0, box.centreX(), 1e-4);
        assertEquals(100.0, box.centreY(), 1e-4);
        assertEquals(0f, box.score());
        assertEquals(false, box.hasLandmarks());
    }

    /** On an image whose values are x + 1000·y, bilinear sampling is exact: output (u, v) = the box point it maps to. */
    @Test
    void theCropSamplesTheBoxWithHalfPixelCentres() {
        int w = 250;
        int h = 200;
        float[] planes = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    planes[(c * h + y) * w + x] = x + 1000f * y;
                }
            }
        }
        int out = 64;
        float[] crop = CentreCrop.crop(new RgbImage(w, h, planes), out, out);
        DetectedFace box = CentreCrop.box(w, h);
        double s = box.width() / out;
        for (int v = 0; v < out; v += 9) {
            for (int u = 0; u < out; u += 7) {
                double x = box.x() + (u + 0.5) * s - 0.5;
                double y = box.y() + (v + 0.5) * s - 0.5;
                assertEquals(x + 1000 * y, crop[v * out + u], 0.05, "u " + u + " v " + v);
                assertEquals(x + 1000 * y, crop[2 * out * out + v * out + u], 0.05, "blue plane");
            }
        }
    }
}
