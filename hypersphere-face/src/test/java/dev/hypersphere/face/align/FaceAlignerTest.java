package dev.hypersphere.face.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * A synthetic "face" (a bright Gaussian dot on each template landmark, over a smooth pattern) is drawn rotated, scaled
 * and moved on a large canvas; aligning it with the moved landmarks must put every dot back on the template within
 * 1 px and reproduce the pattern as drawn directly in the template frame.
 */
class FaceAlignerTest {

    /** The pattern in template coordinates (u, v) for a channel: smooth, so that bilinear sampling is accurate. */
    private static float pattern(int c, double u, double v) {
        return (float) (60 + 40 * Math.sin(u / 9.0 + c) * Math.cos(v / 11.0 - c));
    }

    /** Dot intensity at template point (u, v): 150 at each landmark, σ = 2.5 px. */
    private static float dots(FaceTemplate t, double u, double v) {
        double[] p = t.points();
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            double du = u - p[2 * k];
            double dv = v - p[2 * k + 1];
            sum += 150 * Math.exp(-(du * du + dv * dv) / (2 * 2.5 * 2.5));
        }
        return (float) sum;
    }

    /** The template scene seen through `pose` (template → canvas): each canvas pixel reads the template frame. */
    private static RgbImage render(FaceTemplate t, Similarity pose, int width, int height) {
        Similarity back = pose.inverse();
        float[] planes = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double[] uv = back.apply(x, y);
                for (int c = 0; c < 3; c++) {
                    planes[(c * height + y) * width + x] = pattern(c, uv[0], uv[1]) + dots(t, uv[0], uv[1]);
                }
            }
        }
        return new RgbImage(width, height, planes);
    }

    @Test
    void rotatedScaledFaceMapsBackOntoTheTemplate() {
        for (FaceTemplate t : FaceTemplate.values()) {
            double angle = Math.toRadians(-27);
            double scale = 2.3;
            Similarity pose = new Similarity(scale * Math.cos(angle), scale * Math.sin(angle), 150.5, 235.25);
            RgbImage canvas = render(t, pose, 520, 500);   // holds the whole template frame
            double[] p = t.points();
            float[] landmarks = new float[10];
            for (int k = 0; k < 5; k++) {
                double[] q = pose.apply(p[2 * k], p[2 * k + 1]);
                landmarks[2 * k] = (float) q[0];
                landmarks[2 * k + 1] = (float) q[1];
            }
            RgbImage aligned = FaceAligner.align(canvas, landmarks, t);
            assertEquals(t.width(), aligned.width());
            assertEquals(t.height(), aligned.height());
            // Every dot's centroid (over its 9×9 neighbourhood, pattern removed) lands on its template point.
            for (int k = 0; k < 5; k++) {
                double sx = 0, sy = 0, sw = 0;
                int cu = (int) Math.round(p[2 * k]);
                int cv = (int) Math.round(p[2 * k + 1]);
                for (int v = cv - 4; v <= cv + 4; v++) {
                    for (int u = cu - 4; u <= cu + 4; u++) {
                        double w = aligned.planes()[v * t.width() + u] - pattern(0, u, v);
                        w = Math.max(0, w);
                        sx += w * u;
                        sy += w * v;
                        sw += w;
                    }
                }
                double dx = sx / sw - p[2 * k];
                double dy = sy / sw - p[2 * k + 1];
                assertTrue(Math.hypot(dx, dy) < 1.0, t + " landmark " + k + " off by (" + dx + ", " + dy + ")");
            }
            // The whole crop equals the scene drawn straight in the template frame.
            double error = 0;
            int count = 0;
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < t.height(); v++) {
                    for (int u = 0; u < t.width(); u++) {
                        error += Math.abs(aligned.planes()[(c * t.height() + v) * t.width() + u] - (pattern(c, u, v) + dots(t, u, v)));
                        count++;
                    }
                }
            }
            assertTrue(error / count < 1.0, t + ": mean absolute difference " + error / count);
        }
    }

    @Test
    void pixelsFromOutsideTheImageAreZero() {
        RgbImage white = new RgbImage(20, 20, filled(3 * 20 * 20, 255f));
        // Landmarks = the template moved 60.5 px left: crop pixel (u, v) reads image point (u − 60.5, v).
        double[] p = FaceTemplate.ARCFACE_112X112.points();
        float[] landmarks = new float[10];
        for (int i = 0; i < 10; i++) {
            landmarks[i] = (float) (i % 2 == 0 ? p[i] - 60.5 : p[i]);
        }
        RgbImage crop = FaceAligner.align(white, landmarks, FaceTemplate.ARCFACE_112X112);
        assertEquals(0f, crop.planes()[10 * 112 + 30], 1e-3);     // reads x = −30.5: outside, black
        assertEquals(255f, crop.planes()[10 * 112 + 65], 1e-3);   // reads (4.5, 10): inside
        assertEquals(0f, crop.planes()[30 * 112 + 65], 1e-3);     // reads (4.5, 30): below the 20-px image
        assertEquals(127.5f, crop.planes()[10 * 112 + 60], 1e-3); // reads x = −0.5: half its weight from outside
    }

    @Test
    void cropAtAnotherSizeEqualsTheTemplateCropResized() {
        FaceTemplate t = FaceTemplate.ARCFACE_112X112;
        Similarity pose = new Similarity(1.5, 0.2, 40, 30);
        RgbImage canvas = render(t, pose, 260, 240);
        double[] p = t.points();
        float[] landmarks = new float[10];
        for (int k = 0; k < 5; k++) {
            double[] q = pose.apply(p[2 * k], p[2 * k + 1]);
            landmarks[2 * k] = (float) q[0];
            landmarks[2 * k + 1] = (float) q[1];
        }
        float[] direct = FaceAligner.align(canvas, landmarks, t, 56, 56);
        // Output pixel (i, j) of a half-size crop samples template point (2i + ½, 2j + ½).
        double error = 0;
        for (int v = 0; v < 56; v++) {
            for (int u = 0; u < 56; u++) {
                error += Math.abs(direct[v * 56 + u] - (pattern(0, 2 * u + 0.5, 2 * v + 0.5) + dots(t, 2 * u + 0.5, 2 * v + 0.5)));
            }
        }
        assertTrue(error / (56 * 56) < 1.5, "mean absolute difference " + error / (56 * 56));
    }

    @Test
    void greyIsTheMeanOfTheChannelsAndMirrorFlipsRows() {
        float[] rgb = {3, 6, 9, 30, 60, 90, 300, 600, 900};   // 3 planes of 1×3
        float[] grey = FaceAligner.channels(rgb, 1);
        assertEquals(111f, grey[0], 1e-4);
        assertEquals(222f, grey[1], 1e-4);
        float[] mirrored = FaceAligner.mirrorBatch(rgb, 1, 3, 1, 3);
        assertEquals(9f, mirrored[0]);
        assertEquals(3f, mirrored[2]);
        assertEquals(300f, mirrored[8]);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
