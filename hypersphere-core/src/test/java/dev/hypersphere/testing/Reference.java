package dev.hypersphere.testing;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reference values written by {@code tools/make_reference_fixtures.py}: the heads and losses as their reference
 * implementations write them, run once in PyTorch float64. Never produced by the code under test.
 */
public final class Reference {

    private Reference() {}

    /** The cases of {@code /reference/NAME.json}. */
    public static List<JsonNode> cases(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /reference/" + name + ".json");
            }
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each case of {@code NAME.json} twice, as JUnit arguments (name, case, precision): float32 and float64. */
    public static Stream<Arguments> casesInBothPrecisions(String name) {
        return cases(name).stream().flatMap(c -> Stream.of(DataType.FLOAT32, DataType.FLOAT64)
                .map(type -> Arguments.of(c.get("name").asText(), c, type)));
    }

    public static double[] flat(JsonNode node) {
        List<Double> values = new ArrayList<>();
        flatten(node, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static long[] longs(JsonNode node) {
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asLong();
        }
        return values;
    }

    /** The case's head parameters as text, without the fixture-only {@code iteration}. */
    public static Map<String, String> headParams(JsonNode params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("iteration")) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static void flatten(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else {
            into.add(node.asDouble());
        }
    }
}
