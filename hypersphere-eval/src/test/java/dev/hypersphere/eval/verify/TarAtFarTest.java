package dev.hypersphere.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** TAR@FAR on hand-made pairs whose answer is worked out by counting. */
class TarAtFarTest {

    // Ten different pairs at 0.9, 0.8, ..., 0.0 and five same pairs at 0.95, 0.85, 0.75, 0.65, 0.5.
    private static final double[] SCORES = {0.95, 0.85, 0.75, 0.65, 0.5, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0};
    private static final boolean[] SAME = {true, true, true, true, true, false, false, false, false, false, false, false, false, false, false};

    @Test
    void countsAcceptsAtTheLowestThresholdWithinTheFalseAcceptBudget() {
        Roc roc = Roc.of(SCORES, SAME);
        // FAR 0.1 of 10 negatives: one false accept allowed (0.9); the threshold can come down to 0.85, just above
        // the next different pair (0.8): same pairs 0.95 and 0.85 are accepted, 2 of 5.
        Roc.Operating tenth = roc.tarAtFar(0.1);
        assertEquals(0.4, tenth.tar(), 1e-15);
        assertEquals(0.85, tenth.threshold(), 0.0);
        assertEquals(1, tenth.falseAccepts());
        assertEquals(0.1, tenth.far(), 1e-15);
        assertTrue(tenth.reachable());
        // FAR 0.3: 0.9, 0.8, 0.7 may pass; down to 0.65 → 0.95, 0.85, 0.75, 0.65 → 4/5.
        assertEquals(0.8, roc.tarAtFar(0.3).tar(), 1e-15);
        // FAR 0.5: accept >= 0.5 takes 0.9..0.5 (five different pairs, exactly the budget) and all five same pairs.
        assertEquals(1.0, roc.tarAtFar(0.5).tar(), 1e-15);
        // FAR 0.01 needs at least 100 different pairs: not measurable here; the point accepts nothing false.
        Roc.Operating tooFine = roc.tarAtFar(0.01);
        assertFalse(tooFine.reachable());
        assertEquals(0, tooFine.falseAccepts());
        assertEquals(0.2, tooFine.tar(), 1e-15, "only 0.95 is above every different pair");
    }

    @Test
    void tiedDifferentPairsCannotBeSplit() {
        double[] scores = {0.95, 0.9, 0.9, 0.85, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        boolean[] same = {true, false, false, true, false, false, false, false, false, false, false, false};
        // 10 negatives, two tied at 0.9: FAR 0.1 allows one, which cannot be taken without the other.
        Roc.Operating op = Roc.of(scores, same).tarAtFar(0.1);
        assertEquals(0.5, op.tar(), 1e-15);
        assertEquals(0.95, op.threshold(), 0.0);
        assertEquals(0.0, op.far(), 0.0);
        assertEquals(1.0, Roc.of(scores, same).tarAtFar(0.2).tar(), 1e-15);
    }

    @Test
    void interpolationDiffersFromMeasurement() {
        // Same pairs 0.9 and 0.5, different pairs 0.5 and 0.2: the tie at 0.5 makes a diagonal ROC segment
        // from (0, 0.5) to (0.5, 1). At FAR 0.25 the interpolated TAR is 0.75; no threshold achieves it.
        double[] scores = {0.9, 0.5, 0.5, 0.2};
        boolean[] same = {true, true, false, false};
        Roc roc = Roc.of(scores, same);
        assertEquals(0.75, roc.dropIntermediate().interpolatedTpr(0.25), 1e-15);
        assertEquals(0.5, roc.tarAtFar(0.25).tar(), 1e-15);
        assertFalse(roc.tarAtFar(0.25).reachable(), "2 different pairs cannot measure a FAR of 0.25");
    }
}
