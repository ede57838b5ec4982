package dev.hypersphere.eval.verify;

import static dev.hypersphere.eval.testing.Fixtures.booleans;
import static dev.hypersphere.eval.testing.Fixtures.doubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.eval.testing.Fixtures;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ROC points, AUC, EER and interpolated TPR@FPR against scikit-learn and SciPy on random scores (with ties). */
class RocReferenceTest {

    static Stream<JsonNode> cases() {
        return Fixtures.cases("opensphere").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalsScikitLearn(JsonNode c) {
        Roc full = Roc.of(doubles(c.get("scores")), booleans(c.get("same")));
        assertArrayEquals(doubles(c.get("full_fpr")), full.fpr(), 0.0);
        assertArrayEquals(doubles(c.get("full_tpr")), full.tpr(), 0.0);
        assertArrayEquals(doubles(c.get("full_thresholds")), Arrays.copyOfRange(full.threshold(), 1, full.threshold().length), 0.0);
        Roc dropped = full.dropIntermediate();
        assertArrayEquals(doubles(c.get("roc_fpr")), dropped.fpr(), 0.0);
        assertArrayEquals(doubles(c.get("roc_tpr")), dropped.tpr(), 0.0);
        assertArrayEquals(doubles(c.get("roc_thresholds")), Arrays.copyOfRange(dropped.threshold(), 1, dropped.threshold().length), 0.0);
        assertEquals(c.get("auc").asDouble(), full.auc(), 1e-12);
        assertEquals(c.get("auc_score").asDouble(), dropped.auc(), 1e-12);
        assertEquals(c.get("eer").asDouble(), full.eer(), 1e-9, "brentq's tolerance is 2e-12");
        c.get("tpr_at_fpr_interpolated").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asDouble(), dropped.interpolatedTpr(Double.parseDouble(e.getKey())), 1e-12, e.getKey()));
    }
}
