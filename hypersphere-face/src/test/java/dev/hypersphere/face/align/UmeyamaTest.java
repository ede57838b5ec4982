package dev.hypersphere.face.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The similarity fit against exact transforms and against the SVD form of Umeyama run in numpy (tools/make_face_fixtures.py). */
class UmeyamaTest {

    @Test
    void recoversAKnownSimilarityFromNoiselessPoints() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            double angle = random.nextDouble(-Math.PI, Math.PI);
            double scale = random.nextDouble(0.1, 5);
            Similarity truth = new Similarity(scale * Math.cos(angle), scale * Math.sin(angle), random.nextDouble(-300, 300),
                    random.nextDouble(-300, 300));
            double[] src = new double[10];
            double[] dst = new double[10];
            for (int i = 0; i < 5; i++) {
                src[2 * i] = random.nextDouble(0, 640);
                src[2 * i + 1] = random.nextDouble(0, 480);
                double[] p = truth.apply(src[2 * i], src[2 * i + 1]);
                dst[2 * i] = p[0];
                dst[2 * i + 1] = p[1];
            }
            Similarity fit = Umeyama.estimate(src, dst);
            assertEquals(truth.a(), fit.a(), 1e-12);
            assertEquals(truth.b(), fit.b(), 1e-12);
            assertEquals(truth.tx(), fit.tx(), 1e-9);
            assertEquals(truth.ty(), fit.ty(), 1e-9);
            assertEquals(scale, fit.scale(), 1e-12);
        }
    }

    @Test
    void matchesTheSvdFormOnNoisyAndMirroredPoints() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("umeyama.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertEquals(6, cases.size());
        for (JsonNode c : cases) {
            Similarity fit = Umeyama.estimate(doubles(c.get("src")), doubles(c.get("dst")));
            double[] expected = doubles(c.get("matrix"));
            double[] m = fit.matrix();
            for (int i = 0; i < 6; i++) {
                assertEquals(expected[i], m[i], 1e-9 * Math.max(1, Math.abs(expected[i])), "case " + c + " entry " + i);
            }
        }
    }

    @Test
    void inverseUndoes() {
        Similarity s = new Similarity(0.8, -0.6, 12, -7);
        double[] p = s.inverse().apply(s.apply(3, 4)[0], s.apply(3, 4)[1]);
        assertEquals(3, p[0], 1e-12);
        assertEquals(4, p[1], 1e-12);
    }

    @Test
    void coincidentPointsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Umeyama.estimate(new double[] {1, 1, 1, 1}, new double[] {0, 0, 5, 5}));
        assertTrue(e.getMessage().contains("coincide"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Umeyama.estimate(new double[] {1, 1, 2, 2}, new double[] {0, 0}));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
