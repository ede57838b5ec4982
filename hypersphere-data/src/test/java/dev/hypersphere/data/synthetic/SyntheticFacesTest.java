package dev.hypersphere.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.Sample;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The generated identities: deterministic, any size, labelled by identity, and not trivially separable. */
class SyntheticFacesTest {

    @Test
    void samplesAreAFunctionOfSeedIdentityAndImage() {
        SyntheticFaces a = new SyntheticFaces(30, 5, 3, 40, 40, 7);
        SyntheticFaces b = new SyntheticFaces(30, 5, 3, 40, 40, 7);
        assertArrayEquals(a.get(17).pixels(), b.get(17).pixels());
        assertArrayEquals(a.get(17).pixels(), a.get(17).pixels());
        assertFalse(Arrays.equals(a.get(17).pixels(), new SyntheticFaces(30, 5, 3, 40, 40, 8).get(17).pixels()));
        // The same person and picture whatever the data set's size.
        assertArrayEquals(a.get(17).pixels(), new SyntheticFaces(300, 5, 3, 40, 40, 7).get(17).pixels());
    }

    @Test
    void shapesLabelsAndValueRange() {
        SyntheticFaces faces = new SyntheticFaces(12, 4, 1, 32, 24, 1);
        assertEquals(48, faces.size());
        assertEquals(12, faces.numClasses());
        assertEquals("id07", faces.classNames().get(7));
        Sample s = faces.get(29);
        assertEquals(7, s.label());
        assertEquals(7, faces.label(29));
        assertEquals(1, s.channels());
        assertEquals(32, s.height());
        assertEquals(24, s.width());
        assertEquals("id07/1", s.source());
        for (float v : s.pixels()) {
            assertTrue(v >= 0 && v <= 255);
        }
        SyntheticFaces big = new SyntheticFaces(2, 1, 3, 112, 112, 1);
        assertEquals(3 * 112 * 112, big.get(1).pixels().length);
        assertEquals(SyntheticFaces.DEFAULT_IDENTITIES * SyntheticFaces.DEFAULT_IMAGES_PER_IDENTITY, SyntheticFaces.defaults().size());
    }

    @Test
    void greyIsTheLumaOfTheColourRendering() {
        Sample rgb = new SyntheticFaces(3, 2, 3, 16, 16, 5).get(3);
        Sample grey = new SyntheticFaces(3, 2, 1, 16, 16, 5).get(3);
        int plane = 256;
        for (int i = 0; i < plane; i++) {
            assertEquals(0.299 * rgb.pixels()[i] + 0.587 * rgb.pixels()[plane + i] + 0.114 * rgb.pixels()[2 * plane + i],
                    grey.pixels()[i], 1e-3);
        }
    }

    /**
     * Leave-one-out nearest neighbour on raw pixels must be far from perfect (pictures of one person vary more
     * than a pixel template can absorb) yet above chance (identities carry signal that a pixel template can pick up at all; 6.9% for this seed, chance 2.5%).
     */
    @Test
    void identitiesAreNeitherTriviallySeparableNorNoise() {
        int identities = 40;
        int images = 8;
        SyntheticFaces faces = new SyntheticFaces(identities, images, 1, 32, 32, 42);
        float[][] x = new float[faces.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = faces.get(i).pixels();
        }
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            double best = Double.MAX_VALUE;
            int bestLabel = -1;
            for (int j = 0; j < x.length; j++) {
                if (j == i) {
                    continue;
                }
                double d = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double diff = x[i][k] - x[j][k];
                    d += diff * diff;
                }
                if (d < best) {
                    best = d;
                    bestLabel = faces.label(j);
                }
            }
            correct += bestLabel == faces.label(i) ? 1 : 0;
        }
        double accuracy = (double) correct / x.length;
        System.out.printf("synthetic faces: leave-one-out 1-NN pixel accuracy %.3f (chance %.3f)%n", accuracy, 1.0 / identities);
        assertTrue(accuracy < 0.5, "too easy: 1-NN on pixels reaches " + accuracy);
        assertTrue(accuracy > 2.0 / identities, "no identity signal: 1-NN on pixels reaches " + accuracy);
    }
}
