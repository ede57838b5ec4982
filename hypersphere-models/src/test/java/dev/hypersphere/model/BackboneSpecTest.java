package dev.hypersphere.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.engine.HypersphereEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, defaults, validation messages and the JSON description of backbone specs. */
class BackboneSpecTest {

    @Test
    void defaultsAreThePublishedInputs() {
        assertEquals(new BackboneSpec("lenet++", 2, 1, 28, 28), BackboneSpec.defaults("lenet++"));
        assertEquals(new BackboneSpec("sfnet20", 512, 3, 112, 96), BackboneSpec.defaults("sfnet20"));
        for (String name : List.of("iresnet18", "iresnet34", "iresnet50", "iresnet100", "mobilefacenet")) {
            assertEquals(new BackboneSpec(name, 512, 3, 112, 112), BackboneSpec.defaults(name));
        }
        assertEquals(new BackboneSpec("smallnet", 128, 1, 32, 32), BackboneSpec.defaults("smallnet"));
        assertEquals(new BackboneSpec("iresnet-lite", 256, 3, 64, 64), BackboneSpec.defaults("iresnet-lite"));
        assertEquals(List.of("lenet++", "sfnet20", "iresnet18", "iresnet34", "iresnet50", "iresnet100", "mobilefacenet",
                "smallnet", "iresnet-lite"), Backbones.NAMES);
    }

    @Test
    void aliasesAndCaseResolveToTheCatalogueName() {
        assertEquals("iresnet50", new BackboneSpec("R50", 512, 3, 112, 112).name());
        assertEquals("mobilefacenet", new BackboneSpec(" mbf ", 128, 3, 112, 112).name());
        assertEquals("lenet++", new BackboneSpec("LeNetPP", 3, 1, 28, 28).name());
        assertEquals("sfnet20", BackboneSpec.defaults("sphereface20").name());
    }

    @Test
    void badSpecsGetOneClearMessage() {
        assertEquals("unknown backbone 'resnet50'; valid: lenet++, sfnet20, iresnet18, iresnet34, iresnet50, iresnet100, "
                + "mobilefacenet, smallnet, iresnet-lite", message(() -> new BackboneSpec("resnet50", 512, 3, 112, 112)));
        assertEquals("iresnet-lite needs input whose height and width are multiples of 32 (a stride-2 stem and four "
                + "stride-2 stages; usually 64×64), got 64×48", message(() -> new BackboneSpec("lite", 256, 3, 64, 48)));
        assertEquals("iresnet50 needs 112×112 input (its head expects the 7×7 map left after four stride-2 stages), "
                + "got 112×96", message(() -> new BackboneSpec("iresnet50", 512, 3, 112, 96)));
        assertEquals("mobilefacenet needs 112×112 input (its head expects the 7×7 map left after four stride-2 stages), "
                + "got 128×128", message(() -> new BackboneSpec("mbf", 512, 3, 128, 128)));
        assertEquals("sfnet20 needs input of at least 16×16 (four stride-2 stages; usually 112×96 or 112×112), got 8×8",
                message(() -> new BackboneSpec("sfnet20", 512, 3, 8, 8)));
        assertEquals("lenet++ needs input of at least 8×8 (three 2×2 max-pools), got 28×4",
                message(() -> new BackboneSpec("lenet++", 2, 1, 28, 4)));
        assertEquals("iresnet18 embeddingDim must be >= 1, got 0", message(() -> new BackboneSpec("iresnet18", 0, 3, 112, 112)));
        assertEquals("lenet++ input channels must be >= 1, got 0", message(() -> new BackboneSpec("lenet++", 2, 0, 28, 28)));
        assertTrue(message(() -> BackboneSpec.defaults("")).startsWith("backbone name is empty; valid: lenet++"));
        // Any size SFNet can take, not only the two usual ones.
        assertEquals(List.of(512, 7, 6), new BackboneSpec("sfnet20", 512, 3, 112, 96).architecture().featureMap(112, 96));
        assertEquals(List.of(512, 4, 4), new BackboneSpec("sfnet20", 512, 3, 64, 64).architecture().featureMap(64, 64));
    }

    @Test
    void forwardRejectsAnInputOfTheWrongShape() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            Backbone lenet = Backbones.create("lenet++");
            lenet.initialize(manager, DataType.FLOAT32);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lenet.forward(
                    new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(2, 3, 28, 28))), false));
            assertEquals("lenet++ expects input of shape (N, 1, 28, 28), got (2, 3, 28, 28)", e.getMessage());
        }
    }

    @Test
    void describeIsPlainJson() throws Exception {
        Map<String, Object> d = new BackboneSpec("sfnet20", 256, 3, 112, 112).describe();
        assertEquals("sfnet20", d.get("name"));
        assertEquals(256, d.get("embeddingDim"));
        assertEquals(Map.of("channels", 3, "height", 112, "width", 112), d.get("input"));
        assertEquals(List.of(512, 7, 7), d.get("featureMap"));
        assertEquals(List.of(1, 2, 4, 1), d.get("unitsPerStage"));
        assertEquals(List.of(64, 128, 256, 512), d.get("stageChannels"));
        assertTrue(d.get("embeddingNorm").toString().contains("scale fixed at 1"));
        assertPlain(d);

        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(d));
        assertEquals(112, tree.get("input").get("width").asInt());
        assertEquals("SphereFace-20", tree.get("reference").asText().substring(0, 13));
    }

    @Test
    void initialisedBackboneDescribesItsParameters() {
        try (NDManager manager = HypersphereEngine.newManager()) {
            Backbone lenet = Backbones.create(new BackboneSpec("lenet++", 3, 1, 28, 28));
            lenet.initialize(manager, DataType.FLOAT32);
            Map<String, Object> d = lenet.describe();
            assertEquals(Map.of("parameters", 798_761L, "trainable", 798_758L, "runningStatistics", 6L), d.get("parameters"));
            assertPlain(d);
        }
    }

    /** Only what a JSON writer takes without configuration: maps, lists, strings, numbers, booleans. */
    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                assertInstanceOf(String.class, e.getKey());
                assertPlain(e.getValue());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(BackboneSpecTest::assertPlain);
        } else {
            assertTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
                    "not plain JSON: " + value + " (" + value.getClass() + ")");
        }
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
