package dev.hypersphere.eval.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference values written once by {@code tools/make_eval_fixtures.py} (the protocols as their authors wrote
 * them, scikit-learn, SciPy) and test files written by the other scripts under {@code tools/}. Never produced by
 * the code under test.
 */
public final class Fixtures {

    private Fixtures() {}

    public static List<JsonNode> cases(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/reference/" + name + ".json")) {
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

    public static JsonNode named(String file, String name) {
        return cases(file).stream().filter(c -> c.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no case " + name + " in " + file));
    }

    public static Path resource(String path) {
        try {
            return Path.of(Fixtures.class.getResource(path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + path, e);
        }
    }

    public static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    public static boolean[] booleans(JsonNode node) {
        boolean[] out = new boolean[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asBoolean();
        }
        return out;
    }

    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    /** A JSON matrix (list of rows) as a row-major float array; the fixtures hold float32-exact values. */
    public static float[] rows(JsonNode node) {
        int cols = node.get(0).size();
        float[] out = new float[node.size() * cols];
        for (int i = 0; i < node.size(); i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) node.get(i).get(j).asDouble();
            }
        }
        return out;
    }
}
