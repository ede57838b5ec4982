package dev.hypersphere.search.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.eval.verify.FlipMode;
import dev.hypersphere.eval.verify.Folds;
import dev.hypersphere.eval.verify.PairFeatures;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.eval.verify.VerificationProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thresholds for a FAR on hand-made scores. Merged from the top, the pairs below give the ROC points (false
 * accepts, true accepts) at each threshold: … (0,7)@0.65, (1,7)@0.60, (2,7)@0.55, (2,8)@0.50, (3,8)@0.45, (4,8)@0.40,
 * (4,9)@0.30, (4,10)@0.20, (5,10)@0.10 …, with 10 same and 10 different pairs.
 */
class ThresholdCalibratorTest {

    private static final double[] SAME = {0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.5, 0.3, 0.2};
    private static final double[] DIFFERENT = {0.6, 0.55, 0.45, 0.4, 0.1, 0.0, -0.1, -0.2, -0.3, -0.4};

    @TempDir
    Path tmp;

    private static double[] scores() {
        double[] s = new double[20];
        System.arraycopy(SAME, 0, s, 0, 10);
        System.arraycopy(DIFFERENT, 0, s, 10, 10);
        return s;
    }

    private static boolean[] labels() {
        boolean[] same = new boolean[20];
        java.util.Arrays.fill(same, 0, 10, true);
        return same;
    }

    @Test
    void picksTheLowestThresholdWhoseFarStaysWithinTheTarget() {
        Calibration one = ThresholdCalibrator.fromScores(scores(), labels(), 0.1, "hand", "m");
        assertEquals(0.6, one.threshold(), 0);
        assertEquals(0.1, one.farAchieved(), 0);
        assertEquals(0.7, one.tar(), 1e-12);
        // Two false accepts allowed: down to 0.50, where the next different pair (0.45) is not yet accepted.
        Calibration two = ThresholdCalibrator.fromScores(scores(), labels(), 0.25, "hand", "m");
        assertEquals(0.5, two.threshold(), 0);
        assertEquals(0.2, two.farAchieved(), 0);
        assertEquals(0.8, two.tar(), 1e-12);
        assertEquals(10, two.negatives());
    }

    @Test
    void aFarThePairsCannotMeasureIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdCalibrator.fromScores(scores(), labels(), 0.05, "hand", "m"));
        assertTrue(e.getMessage().startsWith("FAR 0.05 cannot be measured on 10 different-identity pairs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThresholdCalibrator.fromScores(scores(), labels(), 1.5, "hand", "m"));
    }

    /** A real report written by the eval module's verification run on pairs with the scores above. */
    private Path report() throws Exception {
        // Pair p: left row (1, 0), right row (s, √(1−s²)): cosine s.
        int n = 20;
        float[] rows = new float[4 * n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] s = scores();
        for (int p = 0; p < n; p++) {
            rows[4 * p] = 1;
            rows[4 * p + 2] = (float) s[p];
            rows[4 * p + 3] = (float) Math.sqrt(1 - s[p] * s[p]);
            left[p] = 2 * p;
            right[p] = 2 * p + 1;
        }
        PairFeatures features = PairFeatures.gather("t", rows, null, 2, FlipMode.NONE, left, right, labels(), Folds.contiguous(n, 10));
        Verification.Outcome outcome = Verification.run(features, VerificationProtocol.byName("best-threshold"), FlipMode.NONE);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", "verify");
        report.putAll(outcome.json());
        return Reports.write(tmp.resolve("eval"), report);
    }

    @Test
    void readsTheMeasuredPointOfAnAllPairsReport() throws Exception {
        // Eight unit vectors in the plane at angles 0°, 10°, … 70°, two per identity (0, 0, 1, 1, 2, 2, 3, 3): 4 genuine
        // pairs (10° apart) and 24 impostor pairs, of which 3 are 10° apart, 6 are 20°, 5 are 30°, … At FAR ≤ 0.5
        // (12 false accepts) the threshold accepts all pairs up to 20° (9 impostors) and not all five at 30° (14); float32
        // rounding spreads those five cosines a little, so up to 3 of them may pass.
        int n = 8;
        float[] rows = new float[2 * n];
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = (float) Math.cos(Math.toRadians(10 * i));
            rows[2 * i + 1] = (float) Math.sin(Math.toRadians(10 * i));
            identity[i] = i / 2;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", "all-pairs");
        report.putAll(dev.hypersphere.eval.verify.AllPairScores.evaluate(rows, 2, identity, new double[] {0.5}, 4).json());
        Path file = Reports.write(tmp.resolve("all-pairs"), report);
        Calibration c = ThresholdCalibrator.fromReport(file, 0.5, "m");
        assertEquals(4, c.positives());
        assertEquals(24, c.negatives());
        assertTrue(c.source().startsWith("eval all-pairs report"), c.source());
        assertTrue(c.farAchieved() >= 9 / 24.0 && c.farAchieved() <= 12 / 24.0, "FAR " + c.farAchieved());
        assertEquals(1.0, c.tar(), 0);
        assertTrue(c.threshold() > Math.cos(Math.toRadians(30)) - 1e-6 && c.threshold() <= Math.cos(Math.toRadians(20)) + 1e-6,
                "threshold " + c.threshold());
    }

    @Test
    void readsTheMeasuredPointOfAnEvalVerifyReport() throws Exception {
        Path file = report();
        Calibration c = ThresholdCalibrator.fromReport(file.getParent(), 1e-1, null);
        assertEquals(0.6, c.threshold(), 1e-6);
        assertEquals(0.1, c.farAchieved(), 0);
        assertEquals(0.7, c.tar(), 1e-12);
        assertEquals(10, c.positives());
        assertNull(c.modelId());
        assertTrue(c.source().contains(file.toString()), c.source());
    }

    @Test
    void readsOtherFarsOffTheReportsRocCurve() throws Exception {
        Calibration c = ThresholdCalibrator.fromReport(report(), 0.25, "m");
        assertEquals(0.5, c.threshold(), 1e-6);
        assertEquals(0.2, c.farAchieved(), 1e-12);
        assertEquals(0.8, c.tar(), 1e-12);
        assertTrue(c.source().endsWith("read off its ROC curve"), c.source());
    }

    @Test
    void aFileThatIsNotAVerificationReportIsOneError() throws Exception {
        Path file = tmp.resolve("other.json");
        Files.writeString(file, "{\"command\": \"identify\", \"cmc\": []}");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> ThresholdCalibrator.fromReport(file, 1e-3, null));
        assertTrue(e.getMessage().startsWith(file + ": not a verification report; expected report.json written by 'hypersphere eval verify'"),
                e.getMessage());
    }

    @Test
    void aModelCalibrationRoundTripsAndRefusesAnotherModel() throws Exception {
        Path model = tmp.resolve("arcface.onnx");
        Files.writeString(model, "weights");
        Calibration c = ThresholdCalibrator.fromScores(scores(), labels(), 0.1, "hand", "arcface.onnx@1234");
        ModelCalibration.write(model, c);
        assertEquals(tmp.resolve("arcface.onnx.calibration.json"), ModelCalibration.fileFor(model));
        assertEquals(c, ModelCalibration.read(model, "arcface.onnx@1234"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCalibration.read(model, "other@99"));
        assertTrue(e.getMessage().contains("was calibrated for model arcface.onnx@1234, not other@99"), e.getMessage());
        assertNull(ModelCalibration.read(tmp.resolve("none.onnx"), "x"));

        OperatingThreshold calibrated = OperatingThreshold.choose(null, "gallery", c, "model");
        assertEquals(0.6, calibrated.threshold(), 0);
        assertTrue(calibrated.accepts(0.6) && !calibrated.accepts(0.59));
        assertTrue(calibrated.describe().contains("calibrated for FAR 0.100"), calibrated.describe());
        OperatingThreshold fallback = OperatingThreshold.choose(null, "gallery", null, "model");
        assertEquals(OperatingThreshold.DEFAULT_THRESHOLD, fallback.threshold(), 0);
        assertTrue(fallback.describe().contains("uncalibrated"), fallback.describe());
    }
}
