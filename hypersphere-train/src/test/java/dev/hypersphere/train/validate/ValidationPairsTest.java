package dev.hypersphere.train.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.synthetic.SyntheticFaces;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation pairs are distinct, half of each kind, and capped (with a warning) at what a small held-out set holds. */
class ValidationPairsTest {

    /** 40 images of 8 identities: 780 distinct pairs, 80 of them same-identity (8 × C(5, 2)), 700 different. */
    private static SyntheticFaces fortyImages() {
        return new SyntheticFaces(8, 5, 1, 8, 8, 3);
    }

    @Test
    void aLargeRequestIsCappedAtTheDistinctPairsKeptBalanced() throws Exception {
        try (SyntheticFaces faces = fortyImages()) {
            ValidationPairs pairs = ValidationPairs.draw(faces, 6000, 1);
            assertEquals(6000, pairs.requested());
            assertEquals(80, pairs.distinctSame());
            assertEquals(700, pairs.distinctDifferent());
            assertEquals(780, pairs.distinctAvailable());
            assertTrue(pairs.capped());
            assertEquals(160, pairs.size());   // every same-identity pair, and as many different ones
            check(faces, pairs, 80);
        }
    }

    @Test
    void everyCountGivesDistinctPairsOfBothKinds() throws Exception {
        try (SyntheticFaces faces = fortyImages()) {
            // 100 and 120: sampled (120 takes 60 of the 80 same pairs, by enumeration); 161: capped at 80 + 80.
            int[][] cases = {{2, 2, 1}, {100, 100, 50}, {120, 120, 60}, {160, 160, 80}, {161, 160, 80}};
            for (int[] c : cases) {
                ValidationPairs pairs = ValidationPairs.draw(faces, c[0], 7);
                assertEquals(c[1], pairs.size(), "requested " + c[0]);
                assertEquals(c[0] > c[1], pairs.capped(), "requested " + c[0]);
                check(faces, pairs, c[2]);
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSamePairs() throws Exception {
        try (SyntheticFaces faces = fortyImages()) {
            ValidationPairs a = ValidationPairs.draw(faces, 300, 11);
            ValidationPairs b = ValidationPairs.draw(faces, 300, 11);
            assertArrayEquals(a.first(), b.first());
            assertArrayEquals(a.second(), b.second());
            assertArrayEquals(a.same(), b.same());
        }
    }

    @Test
    void theValidatorSaysOnceWhatItCapped() throws Exception {
        try (SyntheticFaces faces = fortyImages()) {
            VerificationValidator capped = new VerificationValidator(null, faces, VerificationProtocol.OPEN_SET, 6000, 10, 1, 8, 1);
            assertEquals("validation.pairs is 6000, but the held-out set (40 images, 8 identities) holds only 780 distinct "
                    + "pairs (80 same-identity, 700 different): validating on 160 (80 of each kind)", capped.capWarning().orElseThrow());
            VerificationValidator enough = new VerificationValidator(null, faces, VerificationProtocol.OPEN_SET, 100, 10, 1, 8, 1);
            assertTrue(enough.capWarning().isEmpty());
            IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
                    () -> new VerificationValidator(null, faces, VerificationProtocol.OPEN_SET, 4, 10, 1, 8, 1));
            assertTrue(folds.getMessage().startsWith("validation.folds must be between 2 and the pairs drawn (4)"), folds.getMessage());
        }
    }

    /** Pairs are of two different samples, labelled right, never repeated (either way round), {@code same} of them same. */
    private static void check(SyntheticFaces faces, ValidationPairs pairs, int same) {
        Set<Long> seen = new HashSet<>();
        int sameCount = 0;
        for (int p = 0; p < pairs.size(); p++) {
            int a = pairs.first()[p];
            int b = pairs.second()[p];
            assertNotEquals(a, b);
            assertEquals(faces.label(a) == faces.label(b), pairs.same()[p]);
            assertTrue(seen.add((long) Math.min(a, b) * faces.size() + Math.max(a, b)), "pair " + a + "," + b + " repeated");
            sameCount += pairs.same()[p] ? 1 : 0;
        }
        assertEquals(same, sameCount);
        assertFalse(pairs.size() > pairs.distinctAvailable());
    }
}
