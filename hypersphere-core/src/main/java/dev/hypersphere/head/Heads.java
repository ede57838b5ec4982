package dev.hypersphere.head;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds heads by name from text parameters, as configs and the CLI give them, e.g.
 * {@code create("arcface", 1000, 512, Map.of("m", "0.4"))}. Unset parameters take each head's defaults;
 * an unknown name or parameter is an error that lists the valid ones.
 */
public final class Heads {

    /** Every head name, in the order the CLI lists them. */
    public static final List<String> NAMES =
            List.of("softmax", "normface", "sphereface", "cosface", "arcface", "combined", "subcenter-arcface");

    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "softmax", Set.of(),
            "normface", Set.of("s"),
            "sphereface", Set.of("m", "variant", "s", "lambda-base", "lambda-gamma", "lambda-power", "lambda-min"),
            "cosface", Set.of("s", "m"),
            "arcface", Set.of("s", "m", "mode"),
            "combined", Set.of("s", "m1", "m2", "m3"),
            "subcenter-arcface", Set.of("s", "m", "mode", "k"));

    private Heads() {}

    /** The parameter names a head accepts. */
    public static Set<String> parameters(String name) {
        Set<String> names = PARAMETERS.get(normalizedName(name));
        return new TreeSet<>(names);
    }

    public static Head create(String name, int numClasses, int embeddingDim) {
        return create(name, numClasses, embeddingDim, Map.of());
    }

    /**
     * @param params parameter name → value as text (numbers, or a word for {@code mode} and {@code variant})
     */
    public static Head create(String name, int numClasses, int embeddingDim, Map<String, String> params) {
        String head = normalizedName(name);
        Set<String> valid = PARAMETERS.get(head);
        for (String key : params.keySet()) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for head " + head + "; valid: "
                        + (valid.isEmpty() ? "none" : String.join(", ", new TreeSet<>(valid))));
            }
        }
        Params p = new Params(head, params);
        return switch (head) {
            case "softmax" -> new SoftmaxHead(numClasses, embeddingDim);
            case "normface" -> new NormFaceHead(numClasses, embeddingDim, p.number("s", NormFaceHead.DEFAULT_SCALE));
            case "cosface" -> new CosFaceHead(numClasses, embeddingDim,
                    p.number("s", CosFaceHead.DEFAULT_SCALE), p.number("m", CosFaceHead.DEFAULT_MARGIN));
            case "arcface" -> new ArcFaceHead(numClasses, embeddingDim, p.number("s", ArcFaceHead.DEFAULT_SCALE),
                    p.number("m", ArcFaceHead.DEFAULT_MARGIN), ArcFaceHead.Mode.parse(p.text("mode", "classic")));
            case "combined" -> new CombinedMarginHead(numClasses, embeddingDim,
                    p.number("s", CombinedMarginHead.DEFAULT_SCALE), p.number("m1", CombinedMarginHead.DEFAULT_M1),
                    p.number("m2", CombinedMarginHead.DEFAULT_M2), p.number("m3", CombinedMarginHead.DEFAULT_M3));
            case "subcenter-arcface" -> new SubCenterArcFaceHead(numClasses, embeddingDim,
                    p.whole("k", SubCenterArcFaceHead.DEFAULT_SUB_CENTERS), p.number("s", ArcFaceHead.DEFAULT_SCALE),
                    p.number("m", ArcFaceHead.DEFAULT_MARGIN), ArcFaceHead.Mode.parse(p.text("mode", "classic")));
            case "sphereface" -> sphereFace(numClasses, embeddingDim, p);
            default -> throw new IllegalStateException(head);
        };
    }

    private static Head sphereFace(int numClasses, int embeddingDim, Params p) {
        int m = p.whole("m", SphereFaceHead.DEFAULT_MARGIN);
        String variant = p.text("variant", "original").toLowerCase(Locale.ROOT);
        LambdaSchedule d = LambdaSchedule.SPHEREFACE;
        return switch (variant) {
            case "original" -> {
                if (p.has("s")) {
                    throw new IllegalArgumentException("s applies to sphereface only with variant=normalized "
                            + "(the original variant scales by the feature norm)");
                }
                yield new SphereFaceHead(numClasses, embeddingDim, m, new LambdaSchedule(
                        p.number("lambda-base", d.base()), p.number("lambda-gamma", d.gamma()),
                        p.number("lambda-power", d.power()), p.number("lambda-min", d.lambdaMin())));
            }
            case "normalized" -> {
                if (p.has("lambda-base") || p.has("lambda-gamma") || p.has("lambda-power") || p.has("lambda-min")) {
                    throw new IllegalArgumentException("the lambda-* parameters apply to sphereface only with variant=original");
                }
                yield SphereFaceHead.normalized(numClasses, embeddingDim, m, p.number("s", SphereFaceHead.DEFAULT_SCALE));
            }
            default -> throw new IllegalArgumentException("variant must be original or normalized, got '" + variant + "'");
        };
    }

    private static String normalizedName(String name) {
        String head = name.trim().toLowerCase(Locale.ROOT);
        if (!PARAMETERS.containsKey(head)) {
            throw new IllegalArgumentException("unknown head '" + name + "'; valid: " + String.join(", ", NAMES));
        }
        return head;
    }

    /** Typed access to the text parameters of one head. */
    private record Params(String head, Map<String, String> values) {

        Params {
            values = new LinkedHashMap<>(values);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        double number(String key, double fallback) {
            String value = values.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(head + " parameter " + key + " must be a number, got '" + value + "'");
            }
        }

        int whole(String key, int fallback) {
            String value = values.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(head + " parameter " + key + " must be a whole number, got '" + value + "'");
            }
        }
    }
}
