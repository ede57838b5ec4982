package dev.hypersphere.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.engine.Tensors;
import dev.hypersphere.model.layer.Layers;
import dev.hypersphere.model.testing.DeterministicWeights;
import dev.hypersphere.model.testing.ReferenceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each small backbone against its PyTorch twin in tools/backbone_reference.py, with the same formula weights
 * (tools/backbone_forward_fixtures.py), in float64 (MobileFaceNet in float32, as libtorch's float64 grouped
 * convolutions are too slow for a unit test): the layers line up tensor for tensor, and outputs
 * (inference and training mode), the embedding batch norm's running statistics after one training pass, and the
 * gradients of a weighted sum of the output with respect to the input and every trainable tensor all agree.
 */
class BackboneReferenceTest {

    /** Largest relative error seen in the current case, for the log. */
    private static double worst;

    /**
     * Error allowed relative to the largest expected value. Both sides compute in the same precision and differ
     * only in the order libtorch 1.13 and 2.7 sum things; in float32 that drifts over MobileFaceNet's 50 layers.
     */
    private static double tolerance(DataType precision) {
        return precision == DataType.FLOAT64 ? 1e-9 : 1e-4;
    }

    static Stream<Arguments> cases() {
        JsonNode root = ReferenceFixtures.load("backbone_forward.json");
        return StreamSupport.stream(root.get("cases").spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText() + " d=" + c.get("embeddingDim").asInt(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name, JsonNode c) {
        BackboneSpec spec = new BackboneSpec(c.get("name").asText(), c.get("embeddingDim").asInt(),
                c.get("channels").asInt(), c.get("height").asInt(), c.get("width").asInt());
        String label = name;
        int batch = c.get("batch").asInt();
        DataType precision = DataType.valueOf(c.get("precision").asText().toUpperCase(java.util.Locale.ROOT));
        double tolerance = tolerance(precision);
        double noise = (precision == DataType.FLOAT64 ? 1e-13 : 1e-6) * largestGradientNorm(c);
        worst = 0;
        try (NDManager manager = HypersphereEngine.newManager()) {
            Backbone backbone = Backbones.create(spec);
            backbone.initialize(manager, precision, backbone.inputShape(batch));

            List<Parameter> tensors = new ArrayList<>();
            for (Pair<String, Parameter> p : backbone.getParameters()) {
                tensors.add(p.getValue());
            }
            JsonNode expected = c.get("tensors");
            assertEquals(expected.size(), tensors.size(), label + ": number of tensors");
            for (int i = 0; i < tensors.size(); i++) {
                Parameter p = tensors.get(i);
                String kind = DeterministicWeights.kind(p);
                Shape shape = p.getArray().getShape();
                assertEquals(expected.get(i).get("kind").asText(), kind, label + ": kind of tensor " + i + " " + p.getName());
                assertEquals(new Shape(ReferenceFixtures.longs(expected.get(i).get("shape"))), shape,
                        label + ": shape of tensor " + i + " " + p.getName());
                Tensors.overwrite(p.getArray(), DeterministicWeights.values(kind, i, shape));
            }

            ParameterStore store = new ParameterStore(manager, false);
            Shape inputShape = backbone.inputShape(batch);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(DeterministicWeights.input(inputShape.size()), inputShape).toType(precision, false);
                NDArray inference = backbone.forward(store, new NDList(x), false).singletonOrThrow();
                assertClose(ReferenceFixtures.doubles(c.get("inference")), doubles(inference), label + " inference", tolerance);
            }

            try (NDManager scope = manager.newSubManager()) {
                for (Parameter p : tensors) {
                    p.getArray().tempAttach(scope);
                }
                NDArray x = scope.create(DeterministicWeights.input(inputShape.size()), inputShape).toType(precision, false);
                x.setRequiresGradient(true);
                double loss;
                NDArray training;
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    training = backbone.forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray r = scope.create(DeterministicWeights.lossWeights(training.size()), training.getShape())
                            .toType(precision, false);
                    NDArray sum = training.mul(r).sum();
                    collector.backward(sum);
                    loss = doubles(sum)[0];
                }
                assertClose(ReferenceFixtures.doubles(c.get("training")), doubles(training), label + " training", tolerance);
                assertClose(new double[] {c.get("loss").asDouble()}, new double[] {loss}, label + " loss", tolerance);

                Parameter runningMean = backbone.embeddingNorm().getDirectParameters().get("runningMean");
                Parameter runningVar = backbone.embeddingNorm().getDirectParameters().get("runningVar");
                assertClose(ReferenceFixtures.doubles(c.get("embeddingRunningMean")), doubles(runningMean.getArray()),
                        label + " embedding running mean after one training pass", tolerance);
                assertClose(ReferenceFixtures.doubles(c.get("embeddingRunningVar")), doubles(runningVar.getArray()),
                        label + " embedding running variance after one training pass", tolerance);

                compareGradient(c.get("inputGradient"), x.getGradient(), label + " gradient w.r.t. the input", tolerance, noise);
                JsonNode gradients = c.get("gradients");
                for (int i = 0; i < tensors.size(); i++) {
                    Parameter p = tensors.get(i);
                    String what = label + " gradient of tensor " + i + " (" + p.getName() + ")";
                    if (gradients.get(i).isNull()) {
                        assertTrue(!p.requiresGradient(), what + ": PyTorch has no gradient here, DJL trains it");
                    } else {
                        assertTrue(p.requiresGradient(), what + ": PyTorch trains it, DJL does not");
                        compareGradient(gradients.get(i), p.getArray().getGradient(), what, tolerance, noise);
                    }
                }
                int scale = tensors.indexOf(Layers.scaleOf(backbone.embeddingNorm()));
                assertTrue(gradients.get(scale).isNull() && !tensors.get(scale).requiresGradient(),
                        label + ": the embedding scale is frozen on both sides");
            }
            System.out.printf("reference %-22s %s: largest relative difference from PyTorch %.2e (allowed %.0e)%n",
                    label, precision, worst, tolerance);
        }
    }

    private static double[] doubles(NDArray array) {
        try (NDArray copy = array.toType(DataType.FLOAT64, true)) {
            return copy.toDoubleArray();
        }
    }

    /**
     * Compares a gradient's sum and norm. Each may be off by the tolerance relative to the gradient's own norm
     * (times √n for the sum, which can cancel to nothing) plus rounding noise: the precision's epsilon times the
     * largest gradient norm in the network, since gradients that are zero in exact arithmetic (a bias or shift
     * just before a training-mode batch norm) come out as noise of that size on both sides.
     */
    private static void compareGradient(JsonNode expected, NDArray gradient, String what, double tolerance,
            double noise) {
        double[] g = doubles(gradient);
        double sum = 0;
        double squares = 0;
        for (double v : g) {
            sum += v;
            squares += v * v;
        }
        double sumExpected = expected.get("sum").asDouble();
        double norm = Math.sqrt(squares);
        double normExpected = Math.sqrt(expected.get("sumOfSquares").asDouble());
        double root = Math.sqrt(g.length);
        double sumError = Math.abs(sum - sumExpected) / (normExpected * root + noise * root / tolerance);
        double normError = Math.abs(norm - normExpected) / (normExpected + noise / tolerance);
        worst = Math.max(worst, Math.max(sumError, normError));
        assertTrue(sumError <= tolerance, what + ": sum " + sum + " vs PyTorch " + sumExpected);
        assertTrue(normError <= tolerance, what + ": norm " + norm + " vs PyTorch " + normExpected);
    }

    /** The largest gradient norm in the fixture (input included). */
    private static double largestGradientNorm(JsonNode c) {
        double largest = Math.sqrt(c.get("inputGradient").get("sumOfSquares").asDouble());
        for (JsonNode g : c.get("gradients")) {
            if (!g.isNull()) {
                largest = Math.max(largest, Math.sqrt(g.get("sumOfSquares").asDouble()));
            }
        }
        return largest;
    }

    private static void assertClose(double[] expected, double[] actual, String what, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            worst = Math.max(worst, error / scale);
            if (error > tolerance * scale) {
                throw new AssertionError(what + "[" + i + "]: " + actual[i] + " vs PyTorch " + expected[i]
                        + " (error " + error + ", scale " + scale + ")");
            }
        }
    }
}
