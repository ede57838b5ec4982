package dev.hypersphere.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.engine.Tensors;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.head.SphereFaceHead;
import dev.hypersphere.head.TargetLogitProbe;
import dev.hypersphere.loss.CenterLoss;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hypersphere heads}: every head with its hyper-parameters and the target logit it gives an embedding at
 * angle θ from its class centre, computed by running the head itself.
 */
@Command(name = "heads",
        mixinStandardHelpOptions = true,
        description = "List every head with its hyper-parameters and the target logit it produces for an embedding "
                + "at angle θ from its class centre (computed by the real head, in float64).")
final class HeadsCommand implements Runnable {

    /** The rows shown: each head with its defaults, plus the variants worth seeing side by side. */
    private static final List<Variant> VARIANTS = List.of(
            new Variant("softmax", Map.of()),
            new Variant("normface", Map.of()),
            new Variant("sphereface", Map.of()),
            new Variant("sphereface", Map.of("variant", "normalized")),
            new Variant("cosface", Map.of()),
            new Variant("arcface", Map.of()),
            new Variant("arcface", Map.of("mode", "easy-margin")),
            new Variant("arcface", Map.of("mode", "detached")),
            new Variant("combined", Map.of()),
            new Variant("subcenter-arcface", Map.of()));

    private record Variant(String head, Map<String, String> params) {}

    @Spec
    CommandSpec spec;

    @Option(names = "--theta-deg", defaultValue = "60", paramLabel = "DEG",
            description = "Angle between the embedding and its class centre, in degrees (0..180; default ${DEFAULT-VALUE}).")
    double thetaDegrees;

    @Option(names = "--feature-norm", defaultValue = "1", paramLabel = "NORM",
            description = "‖x‖, seen by softmax and SphereFace's original form (default ${DEFAULT-VALUE}).")
    double featureNorm;

    @Option(names = "--iteration", defaultValue = "10000", paramLabel = "N",
            description = "Training iteration for SphereFace's λ annealing (default ${DEFAULT-VALUE}, where λ has reached its floor).")
    long iteration;

    @Option(names = "--head", paramLabel = "NAME", split = ",",
            description = "Show only these heads (softmax, normface, sphereface, cosface, arcface, combined, subcenter-arcface, center).")
    List<String> only;

    @Option(names = "--set", paramLabel = "HEAD.KEY=VALUE",
            description = "Override a hyper-parameter, e.g. --set arcface.m=0.4 --set cosface.s=30 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public void run() {
        if (!(thetaDegrees >= 0 && thetaDegrees <= 180)) {
            throw new IllegalArgumentException("--theta-deg must be in [0, 180], got " + thetaDegrees);
        }
        if (!(featureNorm > 0) || Double.isInfinite(featureNorm)) {
            throw new IllegalArgumentException("--feature-norm must be a finite number > 0, got " + featureNorm);
        }
        if (iteration < 0) {
            throw new IllegalArgumentException("--iteration must be >= 0, got " + iteration);
        }
        Map<String, Map<String, String>> perHead = parseOverrides();
        if (only != null) {
            for (String name : only) {
                if (!name.equals("center") && !Heads.NAMES.contains(name)) {
                    throw new IllegalArgumentException("--head: unknown head '" + name + "'; valid: "
                            + String.join(", ", Heads.NAMES) + ", center");
                }
            }
        }
        HypersphereEngine.start();
        double theta = Math.toRadians(thetaDegrees);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Variant variant : VARIANTS) {
            if (only != null && !only.contains(variant.head())) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>(variant.params());
            params.putAll(perHead.getOrDefault(variant.head(), Map.of()));
            Head head = Heads.create(variant.head(), 2, 2, params);
            if (head instanceof SphereFaceHead sphereFace) {
                sphereFace.setIteration(iteration);
            }
            TargetLogitProbe.Result result = TargetLogitProbe.probe(head, theta, featureNorm);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", head.name());
            row.put("kind", "head");
            Map<String, Object> hyper = head.hyperParameters();
            if (head instanceof SphereFaceHead sphereFace && sphereFace.variant() == SphereFaceHead.Variant.ORIGINAL) {
                hyper.put("lambda", sphereFace.lambda());
            }
            row.put("parameters", hyper);
            row.put("target_logit", result.targetLogit());
            row.put("plain_logit", result.plainLogit());
            double effective = result.effectiveAngleDegrees();
            row.put("effective_angle_deg", Double.isNaN(effective) ? null : effective);
            rows.add(row);
        }
        if (only == null || only.contains("center")) {
            rows.add(centerRow(theta, perHead.getOrDefault("center", Map.of())));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("theta_deg", thetaDegrees);
            document.put("feature_norm", featureNorm);
            document.put("sphereface_iteration", iteration);
            document.put("heads", rows);
            out.println(writeJson(document));
        } else {
            printTable(out, rows);
        }
        out.flush();
    }

    /** Center loss is a regulariser, not a head: it has no logit, so the row shows its loss at θ instead. */
    private Map<String, Object> centerRow(double theta, Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!key.equals("alpha")) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for center; valid: alpha");
            }
        }
        double alpha = params.containsKey("alpha") ? parseNumber("center.alpha", params.get("alpha")) : CenterLoss.DEFAULT_ALPHA;
        CenterLoss center = new CenterLoss(1, 2, alpha);
        double loss;
        try (NDManager manager = HypersphereEngine.newManager()) {
            center.initialize(manager, DataType.FLOAT64, new Shape(1, 2));
            Tensors.overwrite(center.centres().getArray(), new double[] {1, 0});
            loss = center.loss(new ParameterStore(manager, false),
                    manager.create(new double[] {featureNorm * Math.cos(theta), featureNorm * Math.sin(theta)}, new Shape(1, 2)),
                    manager.create(new long[] {0})).getDouble();
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "center");
        row.put("kind", "regulariser");
        row.put("parameters", new LinkedHashMap<>(Map.of("alpha", alpha)));
        row.put("target_logit", null);
        row.put("loss", loss);
        return row;
    }

    private Map<String, Map<String, String>> parseOverrides() {
        Map<String, Map<String, String>> perHead = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            String key = entry.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("--set takes HEAD.KEY=VALUE (e.g. arcface.m=0.4), got '" + key + "'");
            }
            String head = key.substring(0, dot);
            if (!head.equals("center") && !Heads.NAMES.contains(head)) {
                throw new IllegalArgumentException("--set: unknown head '" + head + "'; valid: "
                        + String.join(", ", Heads.NAMES) + ", center");
            }
            perHead.computeIfAbsent(head, h -> new LinkedHashMap<>()).put(key.substring(dot + 1), entry.getValue());
        }
        return perHead;
    }

    private static double parseNumber(String what, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + text + "'");
        }
    }

    private void printTable(PrintWriter out, List<Map<String, Object>> rows) {
        out.printf(Locale.ROOT, "Target logit of an embedding at θ = %s° from its class centre (‖x‖ = %s, SphereFace at iteration %d)%n%n",
                number(thetaDegrees), number(featureNorm), iteration);
        String format = "%-18s %12s %12s %11s   %s%n";
        out.printf(Locale.ROOT, format, "head", "target", "no margin", "eff. angle", "parameters");
        for (Map<String, Object> row : rows) {
            StringBuilder params = new StringBuilder();
            ((Map<?, ?>) row.get("parameters")).forEach((k, v) -> params.append(params.isEmpty() ? "" : " ")
                    .append(k).append('=').append(v instanceof Double d ? number(d) : v));
            if (row.get("kind").equals("regulariser")) {
                out.printf(Locale.ROOT, format, row.get("name"), "-", "-", "-",
                        params + "   (a regulariser: its loss ½‖x − c‖² here is " + number((Double) row.get("loss")) + ")");
                continue;
            }
            Object effective = row.get("effective_angle_deg");
            out.printf(Locale.ROOT, format, row.get("name"), number((Double) row.get("target_logit")),
                    number((Double) row.get("plain_logit")), effective == null ? "n/a" : number((Double) effective) + "°", params);
        }
        out.printf(Locale.ROOT, "%ntarget: the head's logit for the true class; no margin: the same logit without the margin;%n"
                + "eff. angle: the angle at which the no-margin logit equals the target (n/a: beyond ±scale).%n");
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String writeJson(Object document) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
