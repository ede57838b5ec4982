package dev.hypersphere.eval.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.eval.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** precision@1, R-precision and MAP@R against pytorch-metric-learning's formulas run in numpy (brute-force k-NN). */
class RetrievalTest {

    static Stream<JsonNode> cases() {
        return Fixtures.cases("retrieval").stream();
    }

    private static List<String> labels(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalsTheReference(JsonNode c) {
        float[] query = Fixtures.rows(c.get("query"));
        int dim = c.get("query").get(0).size();
        boolean same = c.get("same_source").asBoolean();
        List<String> queryLabels = labels(c.get("query_labels"));
        float[] reference = same ? query : Fixtures.rows(c.get("reference"));
        List<String> referenceLabels = same ? queryLabels : labels(c.get("reference_labels"));
        for (int block : new int[] {7, 2048}) {   // ragged blocks and one block give the same answer
            Retrieval.Result result = Retrieval.evaluate(query, queryLabels, reference, referenceLabels, dim, same, block);
            assertEquals(c.get("k").asInt(), result.k());
            assertEquals(c.get("queries_used").asInt(), result.queriesUsed());
            assertEquals(c.get("precision_at_1").asDouble(), result.precisionAt1(), 1e-12);
            assertEquals(c.get("r_precision").asDouble(), result.rPrecision(), 1e-12);
            assertEquals(c.get("mean_average_precision_at_r").asDouble(), result.mapAtR(), 1e-12);
        }
    }
}
