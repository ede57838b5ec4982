package dev.hypersphere.train.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves a {@link TrainConfig}: {@code defaults.yaml}, then a preset, then the user's YAML file, then
 * {@code key=value} overrides, each layer replacing what it names. Every key of every layer must exist in the
 * defaults (except inside {@code head.params}, which the head checks): a typo is an error that names the layer and
 * lists the valid keys at that level. Values are typed by the defaults' layout.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final String FREE_FORM = "head.params";

    private final ObjectNode tree;

    private ConfigLoader(ObjectNode tree) {
        this.tree = tree;
    }

    /** Starts from the defaults. */
    public static ConfigLoader defaults() {
        return new ConfigLoader(resource("defaults.yaml", "the built-in defaults"));
    }

    /** The names of the built-in presets. */
    public static List<String> presets() {
        return List.of("demo", "mnist-sphereface", "faces-arcface", "faces-cpu");
    }

    /** Applies a built-in preset. */
    public ConfigLoader preset(String name) {
        if (!presets().contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; valid: " + String.join(", ", presets()));
        }
        return layer(resource("presets/" + name + ".yaml", "preset " + name), "preset " + name);
    }

    /** Applies a YAML file. */
    public ConfigLoader file(Path yaml) throws IOException {
        JsonNode node;
        try {
            node = YAML.readTree(Files.readString(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException(yaml + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return this;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(yaml + ": expected a mapping of sections (data, model, head, …) at the top");
        }
        return layer((ObjectNode) node, yaml.toString());
    }

    /** Applies overrides such as {@code train.steps=200} or {@code head.params.m=0.4}. */
    public ConfigLoader overrides(Map<String, String> keyValues, String origin) {
        ObjectNode layer = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> entry : keyValues.entrySet()) {
            String[] path = entry.getKey().split("\\.");
            ObjectNode node = layer;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
            }
            node.set(path[path.length - 1], parseScalar(entry.getValue()));
        }
        return layer(layer, origin);
    }

    /** The resolved, typed configuration. */
    public TrainConfig resolve() {
        try {
            return YAML.treeToValue(tree, TrainConfig.class);
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException(path(e) + " must be " + typeName(e.getTargetType()) + ", got '"
                    + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(path(e) + " must be " + typeName(e.getTargetType()));
        } catch (IOException e) {
            throw new IllegalArgumentException("config: " + firstLine(e.getMessage()));
        }
    }

    /** The resolved configuration as YAML (the run folder's config.yaml). */
    public static String toYaml(TrainConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a run folder's config.yaml (already resolved: every key present). */
    public static TrainConfig read(Path yaml) throws IOException {
        return defaults().file(yaml).resolve();
    }

    private ConfigLoader layer(ObjectNode layer, String origin) {
        ObjectNode merged = tree.deepCopy();
        // Another head's parameters mean nothing to this one: a layer that changes the head starts its params afresh.
        JsonNode newHead = layer.path("head").path("name");
        if (newHead.isTextual() && !newHead.asText().equals(merged.path("head").path("name").asText())) {
            ((ObjectNode) merged.get("head")).putObject("params");
        }
        merge(merged, layer, "", origin);
        return new ConfigLoader(merged);
    }

    private static void merge(ObjectNode into, ObjectNode layer, String prefix, String origin) {
        Iterator<Map.Entry<String, JsonNode>> fields = layer.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            boolean freeForm = key.startsWith(FREE_FORM + ".") || key.equals(FREE_FORM);
            if (!into.has(field.getKey()) && !freeForm) {
                TreeSet<String> valid = new TreeSet<>();
                into.fieldNames().forEachRemaining(valid::add);
                throw new IllegalArgumentException("unknown key '" + key + "' in " + origin + "; valid keys"
                        + (prefix.isEmpty() ? "" : " under " + prefix.substring(0, prefix.length() - 1)) + ": "
                        + String.join(", ", valid));
            }
            JsonNode existing = into.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject() && !key.equals(FREE_FORM)) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), key + ".", origin);
            } else if (existing != null && existing.isObject() && !field.getValue().isObject()) {
                throw new IllegalArgumentException(key + " in " + origin + " must be a section of keys, got '"
                        + field.getValue().asText() + "'");
            } else if (key.equals(FREE_FORM) && existing != null && existing.isObject() && field.getValue().isObject()) {
                ((ObjectNode) existing).setAll(textValues((ObjectNode) field.getValue()));
            } else {
                into.set(field.getKey(), key.startsWith(FREE_FORM + ".") ? TextNode.valueOf(field.getValue().asText())
                        : field.getValue());
            }
        }
    }

    /** Head parameters are passed on as text. */
    private static ObjectNode textValues(ObjectNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode parseScalar(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }

    private static ObjectNode resource(String name, String what) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static String path(MismatchedInputException e) {
        List<String> parts = new ArrayList<>();
        e.getPath().forEach(reference -> parts.add(reference.getFieldName() != null ? reference.getFieldName()
                : "[" + reference.getIndex() + "]"));
        return String.join(".", parts).replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "text";
        }
        return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
