package dev.hypersphere.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-worked cases for the trainer's k-fold validation accuracy. */
class VerificationAccuracyTest {

    @Test
    void bestThresholdSeparatesWhenPossible() {
        double[] scores = {0.9, 0.8, 0.3, 0.2, 0.7, 0.1};
        boolean[] same = {true, true, false, false, true, false};
        // Sorted: 0.1 d, 0.2 d, 0.3 d | 0.7 s, 0.8 s, 0.9 s → midpoint 0.5 gives 6/6.
        assertEquals(0.5, VerificationAccuracy.bestThreshold(scores, same), 1e-15);
    }

    @Test
    void twoFoldsWorkedByHand() {
        // Fold 0 = pairs 0..3, fold 1 = pairs 4..7.
        double[] scores = {0.9, 0.6, 0.4, 0.1, 0.8, 0.55, 0.5, 0.2};
        boolean[] same = {true, false, true, false, true, true, false, false};
        // Threshold for fold 0 from fold 1: sorted 0.2d 0.5d 0.55s 0.8s → best midpoint 0.525 (4/4).
        // On fold 0: 0.9>t s ✓, 0.6>t but different ✗, 0.4<t but same ✗, 0.1 ✓ → 2/4.
        // Threshold for fold 1 from fold 0: sorted 0.1d 0.4s 0.6d 0.9s: t<0.1 → 2/4; 0.25 → 3/4; 0.5 → 2/4; 0.75 → 3/4;
        // first maximum 0.25. On fold 1: 0.8 ✓, 0.55 ✓, 0.5 different but > t ✗, 0.2 < t ✓ → 3/4.
        VerificationAccuracy.Result result = VerificationAccuracy.kFold(scores, same, 2);
        assertArrayEquals(new double[] {0.525, 0.25}, result.thresholds(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.75}, result.foldAccuracies(), 1e-15);
        assertEquals(0.625, result.mean(), 1e-15);
        assertEquals(0.125, result.std(), 1e-15);
    }
}
