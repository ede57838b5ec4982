package dev.hypersphere.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.engine.Tensors;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SGD, AdamW and global-norm clipping against torch.optim / torch.nn.utils run in float64 by
 * tools/make_optimizer_fixtures.py: four updates with changing learning rates, weights compared after each.
 */
class OptimizerReferenceTest {

    private static JsonNode fixture() throws Exception {
        try (InputStream in = OptimizerReferenceTest.class.getResourceAsStream("/reference/optimizers.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] flat(JsonNode node) {
        List<Double> values = new ArrayList<>();
        node.forEach(row -> {
            if (row.isArray()) {
                row.forEach(v -> values.add(v.asDouble()));
            } else {
                values.add(row.asDouble());
            }
        });
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Parameter parameter(NDManager manager, double[] values, Shape shape) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new ai.djl.training.initializer.ConstantInitializer(0f)).build();
        p.initialize(manager, DataType.FLOAT64);
        Tensors.overwrite(p.getArray(), values);
        return p;
    }

    /** Gives the parameter exactly this gradient: backward of Σ w·G (after zeroing what accumulated). */
    private static void setGradient(Parameter p, double[] values) {
        NDArray w = p.getArray();
        NDArray old = w.getGradient();
        old.subi(old);
        try (NDManager scope = w.getManager().newSubManager();
             ai.djl.training.GradientCollector collector = w.getManager().getEngine().newGradientCollector()) {
            NDArray g = scope.create(values, w.getShape());
            collector.backward(w.mul(g).sum());
        }
    }

    @Test
    void updatesMatchTorchOptim() throws Exception {
        JsonNode doc = fixture();
        for (JsonNode c : doc.get("cases")) {
            try (NDManager manager = HypersphereEngine.newManager()) {
                Parameter w = parameter(manager, flat(doc.get("w0")), new Shape(3, 4));
                Optimizer optimizer = c.get("optimizer").asText().equals("sgd")
                        ? new Sgd(manager, c.get("momentum").asDouble())
                        : new AdamW(manager);
                List<ParameterGroup> groups = List.of(new ParameterGroup("g", List.of(w), 1.0, c.get("weight_decay").asDouble()));
                for (int step = 0; step < 4; step++) {
                    setGradient(w, flat(doc.get("grads").get(step)));
                    optimizer.step(groups, doc.get("lrs").get(step).asDouble());
                    assertArrayEquals(flat(c.get("after").get(step)),
                            w.getArray().toDoubleArray(), 1e-12, c.get("name").asText() + " after step " + (step + 1));
                }
            }
        }
    }

    @Test
    void clippingMatchesClipGradNorm() throws Exception {
        JsonNode clip = fixture().get("clip");
        try (NDManager manager = HypersphereEngine.newManager()) {
            Parameter a = parameter(manager, new double[12], new Shape(3, 4));
            Parameter b = parameter(manager, new double[2], new Shape(2));
            setGradient(a, flat(clip.get("grad_a")));
            setGradient(b, flat(clip.get("grad_b")));
            double norm = GradientClipping.clipByGlobalNorm(List.of(a, b), clip.get("max_norm").asDouble());
            assertEquals(clip.get("norm").asDouble(), norm, 1e-12);
            assertArrayEquals(flat(clip.get("clipped_a")), a.getArray().getGradient().toDoubleArray(), 1e-12);
            assertArrayEquals(flat(clip.get("clipped_b")), b.getArray().getGradient().toDoubleArray(), 1e-12);
        }
    }

    @Test
    void stateSurvivesRestore() throws Exception {
        JsonNode doc = fixture();
        JsonNode c = doc.get("cases").get(0);   // SGD with momentum: the buffer matters from step 2 on
        try (NDManager manager = HypersphereEngine.newManager()) {
            Parameter w = parameter(manager, flat(doc.get("w0")), new Shape(3, 4));
            List<ParameterGroup> groups = List.of(new ParameterGroup("g", List.of(w), 1.0, c.get("weight_decay").asDouble()));
            Sgd first = new Sgd(manager, 0.9);
            for (int step = 0; step < 2; step++) {
                setGradient(w, flat(doc.get("grads").get(step)));
                first.step(groups, doc.get("lrs").get(step).asDouble());
            }
            Sgd resumed = new Sgd(manager, 0.9);
            java.util.Map<String, NDArray> saved = new java.util.LinkedHashMap<>();
            first.stateArrays().forEach((k, v) -> saved.put(k, NDArray.decode(manager, v.encode())));
            resumed.restore(first.steps(), saved);
            for (int step = 2; step < 4; step++) {
                setGradient(w, flat(doc.get("grads").get(step)));
                resumed.step(groups, doc.get("lrs").get(step).asDouble());
            }
            assertArrayEquals(flat(c.get("after").get(3)), w.getArray().toDoubleArray(), 1e-12);
        }
    }
}
