package dev.hypersphere.eval.verify;

import static dev.hypersphere.eval.testing.Fixtures.booleans;
import static dev.hypersphere.eval.testing.Fixtures.doubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.eval.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protocol against its reference implementation run on the same scores by {@code tools/make_eval_fixtures.py}:
 * fold accuracies and thresholds must be equal (thresholds that are means or interpolations to 1e-12).
 */
class ProtocolReferenceTest {

    static Stream<JsonNode> insightface() {
        return Fixtures.cases("insightface").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("insightface")
    void insightfaceAccuracyThresholdsAndVal(JsonNode c) {
        double[] dist = doubles(c.get("dist"));
        boolean[] same = booleans(c.get("same"));
        int[] fold = Folds.contiguous(dist.length, 10);
        ProtocolResult result = InsightFaceProtocol.onDistances(dist, same, fold);
        assertArrayEquals(doubles(c.get("fold_accuracy")), result.foldAccuracy(), 0.0);
        assertArrayEquals(doubles(c.get("fold_threshold")), result.foldThreshold(), 0.0);
        assertEquals(c.get("accuracy").asDouble(), result.accuracy(), 1e-15);
        assertEquals(c.get("accuracy_std").asDouble(), result.accuracyStd(), 1e-15);

        InsightFaceProtocol.ValAtFar val = InsightFaceProtocol.valAtFar(dist, same, fold, 1e-3);
        assertArrayEquals(doubles(c.get("val_fold_threshold")), val.foldThreshold(), 1e-12);
        assertEquals(c.get("val").asDouble(), val.val(), 1e-15);
        assertEquals(c.get("val_std").asDouble(), val.valStd(), 1e-15);
        assertEquals(c.get("far").asDouble(), val.far(), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hypersphere.eval.verify.ProtocolReferenceTest#sphereface")
    void sphereFaceMeanOfMaximisersAfterMeanSubtraction(JsonNode c) {
        float[] left = Fixtures.rows(c.get("left"));
        float[] right = Fixtures.rows(c.get("right"));
        boolean[] same = booleans(c.get("same"));
        int dim = c.get("left").get(0).size();
        ProtocolResult result = SphereFaceProtocol.onFeatures(left, right, dim, same, Folds.contiguous(same.length, 10));
        assertArrayEquals(doubles(c.get("fold_accuracy")), result.foldAccuracy(), 0.0);
        assertArrayEquals(doubles(c.get("fold_threshold")), result.foldThreshold(), 1e-12);
        assertEquals(c.get("accuracy").asDouble(), result.accuracy(), 1e-15);
    }

    static Stream<JsonNode> sphereface() {
        return Fixtures.cases("sphereface").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hypersphere.eval.verify.ProtocolReferenceTest#facexzoo")
    void faceXZooTprMinusFprThresholds(JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        boolean[] same = booleans(c.get("same"));
        ProtocolResult result = FaceXZooProtocol.onScores(scores, same, Folds.contiguous(scores.length, 10));
        assertArrayEquals(doubles(c.get("fold_accuracy")), result.foldAccuracy(), 0.0);
        assertArrayEquals(doubles(c.get("fold_threshold")), result.foldThreshold(), 0.0);
        assertEquals(c.get("accuracy").asDouble(), result.accuracy(), 1e-15);
        assertEquals(c.get("standard_error").asDouble(), (Double) result.parameters().get("standard_error"), 1e-15);
    }

    static Stream<JsonNode> facexzoo() {
        return Fixtures.cases("facexzoo").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hypersphere.eval.verify.ProtocolReferenceTest#opensphere")
    void openSphereBestThresholdAccuracy(JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        boolean[] same = booleans(c.get("same"));
        ProtocolResult result = BestThresholdProtocol.onScores(scores, same, Folds.contiguous(scores.length, 10));
        assertEquals(c.get("accuracy").asDouble(), result.accuracy(), 1e-15);
        assertEquals(c.get("threshold").asDouble(), result.threshold(), 0.0);
    }

    static Stream<JsonNode> opensphere() {
        return Fixtures.cases("opensphere").stream();
    }
}
