package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.testing.Approx;
import dev.hypersphere.testing.Arrays64;
import dev.hypersphere.testing.Reference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Losses against PyTorch float64 reference values from tools/make_reference_fixtures.py: Wang &amp; Isola's own
 * {@code align_loss} / {@code uniform_loss} code, SimCLR's NT-Xent, and Wen et al.'s Caffe center loss with the
 * paper's centre update. Tolerance as for the heads: 1e-5 in float32, 1e-12 in float64 (scaled by max(1, |e|)).
 */
class LossReferenceTest {

    static Stream<Arguments> cases() {
        return Reference.casesInBothPrecisions("losses");
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void matchesReference(String name, JsonNode c, DataType type) {
        double tol = type == DataType.FLOAT32 ? 1e-5 : 1e-12;
        try (NDManager manager = HypersphereEngine.newManager()) {
            NDArray x = matrix(manager, c.get("x"), type);
            NDArray y = c.has("y") ? matrix(manager, c.get("y"), type) : null;
            if (y != null) {
                y.setRequiresGradient(true);
            }
            JsonNode params = c.get("params");
            CenterLoss center = null;
            ParameterStore store = new ParameterStore(manager, false);
            NDArray value;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                value = switch (c.get("loss").asText()) {
                    case "align" -> AlignmentLoss.compute(x, y, params.get("alpha").asDouble());
                    case "uniform" -> UniformityLoss.compute(x, params.get("t").asDouble());
                    case "infonce" -> InfoNceLoss.compute(x, y, params.get("temperature").asDouble());
                    case "center" -> {
                        center = new CenterLoss(c.get("classes").asInt(), (int) x.getShape().get(1),
                                params.get("alpha").asDouble());
                        center.initialize(manager, type, x.getShape());
                        Arrays64.fill(center.centres().getArray(), Reference.flat(c.get("centres")));
                        yield center.loss(store, x, manager.create(Reference.longs(c.get("labels"))));
                    }
                    default -> throw new IllegalStateException(c.get("loss").asText());
                };
                collector.backward(value);
            }
            Approx.assertClose(name + " value", c.get("value").asDouble(), Arrays64.values(value)[0], tol);
            Approx.assertClose(name + " d/dx", Reference.flat(c.get("grad_x")), Arrays64.values(x.getGradient()), tol);
            if (c.has("grad_y")) {
                Approx.assertClose(name + " d/dy", Reference.flat(c.get("grad_y")), Arrays64.values(y.getGradient()), tol);
            }
            if (center != null) {
                center.updateCentres(store, x.stopGradient(), manager.create(Reference.longs(c.get("labels"))));
                Approx.assertClose(name + " centres after update", Reference.flat(c.get("centres_after_update")),
                        Arrays64.values(center.centres().getArray()), tol);
            }
        }
    }

    private static NDArray matrix(NDManager manager, JsonNode rows, DataType type) {
        double[] values = Reference.flat(rows);
        NDArray array = Arrays64.create(manager, values, new Shape(rows.size(), values.length / rows.size()), type);
        array.setRequiresGradient(true);
        return array;
    }
}
