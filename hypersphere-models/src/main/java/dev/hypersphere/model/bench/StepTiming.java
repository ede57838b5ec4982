package dev.hypersphere.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.Backbones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times whole training steps of a backbone: forward, a softmax cross-entropy head (a plain linear layer to
 * {@code classes}), backward and an SGD update (momentum 0.9, weight decay 5e-4, as insightface) of every
 * trainable parameter, on one fixed random batch. Reports images per second from the median step;
 * tools/step_timing.py runs the same step in PyTorch eager mode.
 *
 * <pre>
 * java -cp … dev.hypersphere.model.bench.StepTiming [--backbone iresnet18] [--batch 64] [--threads 2]
 *     [--warmup 2] [--steps 5] [--classes 1000] [--json out.json]
 * </pre>
 */
public final class StepTiming {

    private StepTiming() {}

    /** What to time. */
    record Settings(String backbone, int batch, int threads, int warmup, int steps, int classes, Path json) {

        static Settings parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("--backbone", "iresnet18", "--batch", "64",
                    "--threads", "2", "--warmup", "2", "--steps", "5", "--classes", "1000"));
            Path json = null;
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                String value = args[++i];
                if (key.equals("--json")) {
                    json = Path.of(value);
                } else if (values.containsKey(key)) {
                    values.put(key, value);
                } else {
                    throw new IllegalArgumentException("unknown option " + key + "; valid: " + String.join(", ",
                            values.keySet()) + ", --json");
                }
            }
            return new Settings(BackboneSpec.defaults(values.get("--backbone")).name(), whole(values, "--batch", 2),
                    whole(values, "--threads", 1), whole(values, "--warmup", 0), whole(values, "--steps", 1),
                    whole(values, "--classes", 2), json);
        }

        private static int whole(Map<String, String> values, String key, int min) {
            String text = values.get(key);
            try {
                int value = Integer.parseInt(text.trim());
                if (value < min) {
                    throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'");
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("step-timing: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> result = run(settings);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        if (settings.json() != null) {
            AtomicFiles.writeString(settings.json(), json + "\n");
            System.out.println("wrote " + settings.json());
        } else {
            System.out.println(json);
        }
    }

    static Map<String, Object> run(Settings s) {
        Engine engine = HypersphereEngine.start(s.threads());
        BackboneSpec spec = BackboneSpec.defaults(s.backbone());
        try (NDManager manager = HypersphereEngine.newManager()) {
            engine.setRandomSeed(1);
            Backbone backbone = Backbones.create(spec);
            backbone.initialize(manager, DataType.FLOAT32);
            Head head = Heads.create("softmax", s.classes(), spec.embeddingDim());
            head.initialize(manager, DataType.FLOAT32, new Shape(s.batch(), spec.embeddingDim()));
            List<Parameter> trainable = new ArrayList<>(backbone.trainableParameters());
            for (Pair<String, Parameter> p : head.getParameters()) {
                trainable.add(p.getValue());
            }
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f)
                    .optWeightDecays(5e-4f).build();
            ParameterStore store = new ParameterStore(manager, false);

            Random random = new Random(1);
            NDArray images = manager.randomNormal(backbone.inputShape(s.batch()));
            long[] labelValues = new long[s.batch()];
            Arrays.setAll(labelValues, i -> random.nextInt(s.classes()));
            NDArray labels = manager.create(labelValues);

            int total = s.warmup() + s.steps();
            double[] seconds = new double[s.steps()];
            long start = System.nanoTime();
            for (int step = 0; step < total; step++) {
                long t0 = System.nanoTime();
                try (NDManager scope = manager.newSubManager()) {
                    // Results whose first operand is a parameter (its gradient handle, the optimiser's
                    // temporaries) join the parameter's manager: lend the parameters to this step's scope.
                    for (Parameter p : trainable) {
                        p.getArray().tempAttach(scope);
                    }
                    NDArray x = images.duplicate();
                    x.attach(scope);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray embeddings = backbone.forward(store, new NDList(x), true).singletonOrThrow();
                        collector.backward(head.loss(store, embeddings, labels, true));
                    }
                    for (Parameter p : trainable) {
                        // DJL's SGD update on PyTorch is one native call that also zeroes the gradient.
                        sgd.update(p.getId(), p.getArray(), p.getArray().getGradient());
                    }
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (step >= s.warmup()) {
                    seconds[step - s.warmup()] = elapsed;
                }
                double sofar = (System.nanoTime() - start) / 1e9;
                double eta = sofar / (step + 1) * (total - step - 1);
                System.err.printf(Locale.ROOT, "%s step %d/%d%s: %.2f s (%.1f images/s), ETA %.0f s%n", spec.name(),
                        step + 1, total, step < s.warmup() ? " (warm-up)" : "", elapsed, s.batch() / elapsed, eta);
            }
            return result(s, spec, backbone, seconds);
        }
    }

    private static Map<String, Object> result(Settings s, BackboneSpec spec, Backbone backbone, double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "DJL " + Engine.getDjlVersion() + " on " + Engine.getInstance().getEngineName() + " "
                + Engine.getInstance().getVersion());
        m.put("backbone", spec.describe());
        m.put("parameters", backbone.parameterCount().describe());
        m.put("step", "forward + softmax cross-entropy over " + s.classes() + " classes + backward + SGD "
                + "(momentum 0.9, weight decay 5e-4), float32, one fixed random batch");
        m.put("batch", s.batch());
        m.put("threads", s.threads());
        m.put("warmupSteps", s.warmup());
        m.put("stepSeconds", Arrays.stream(seconds).boxed().toList());
        m.put("medianStepSeconds", median);
        m.put("imagesPerSecond", s.batch() / median);
        m.put("loadAverageAtEnd", loadAverage());
        return m;
    }

    /** The machine's 1-minute load average, so a reader can tell a busy machine from a slow step. */
    private static Object loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
