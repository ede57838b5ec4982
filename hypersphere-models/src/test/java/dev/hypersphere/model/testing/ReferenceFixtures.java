package dev.hypersphere.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON fixtures written by the scripts under tools/ (see each script's header for how they are made). */
public final class ReferenceFixtures {

    private ReferenceFixtures() {}

    /** {@code /reference/NAME} from the test class path. */
    public static JsonNode load(String name) {
        try (InputStream in = ReferenceFixtures.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture /reference/" + name + " is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    public static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
