package dev.hypersphere.bench;

import dev.hypersphere.bench.step.StepRig;
import dev.hypersphere.model.BackboneSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train-step}: seconds per training step of this project (its {@code TrainingStep}: backbone, ArcFace over
 * 10k classes with s 64 and m 0.5, cross-entropy, backward, clipping at 5, SGD with momentum) against the same step
 * in PyTorch eager ({@code tools/bench_train_step.py}, Debian's python3-torch), same shapes, batch and threads, in
 * the same invocation. Ratio: our time ÷ PyTorch's (target ≤ 0.9). Each side is also timed phase by phase (input
 * copy, forward, head, backward, read-back, optimiser) to show where the time goes.
 */
public final class TrainStepBench implements Benchmark {

    /** One backbone case. */
    record Case(String backbone, int batch, int classes, int warmup, int stepsPerRep, int phaseSteps) {}

    static final Target TARGET = Target.atMost(0.9);

    @Override
    public String name() {
        return "train-step";
    }

    @Override
    public String description() {
        return "training step (IResNet-18, MobileFaceNet 112x112 batch 64 and smallnet, ArcFace over 10k classes; iresnet-lite 64x64 batch 128 over 1,200; SGD) vs PyTorch eager";
    }

    static List<Case> cases(boolean quick) {
        if (quick) {
            return List.of(new Case("smallnet", 8, 100, 1, 1, 1));
        }
        return List.of(new Case("iresnet18", 64, 10_000, 2, 3, 3), new Case("mobilefacenet", 64, 10_000, 2, 3, 3),
                new Case("smallnet", 64, 10_000, 5, 20, 20),
                // the faces-cpu recipe's network and batch (64×64, 256-d), its head over the ~1,200 training identities
                new Case("iresnet-lite", 128, 1_200, 3, 10, 5));
    }

    @Override
    public Outcome measure(BenchSettings settings) throws IOException {
        EngineThreads.use(settings.threads());
        List<Comparison> rows = new ArrayList<>();
        for (Case c : cases(settings.quick())) {
            if (!settings.selects(c.backbone())) {
                continue;
            }
            rows.add(measure(settings, c));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("engine_threads", EngineThreads.describe());
        return new Outcome(rows, details, List.of(
                "ratio = median Java s/step ÷ median PyTorch s/step over the repetitions; each repetition is the mean of "
                        + "its steps after warm-up; both sides take one fixed random batch; repetitions interleaved "
                        + "(Java, PyTorch, PyTorch, Java, …), each PyTorch repetition one run of the script after its own warm-up",
                "phases come from separate, phase-timed steps of the same operations (Java: a copy of TrainingStep with "
                        + "clock reads; PyTorch: the same loop with clock reads)"));
    }

    private Comparison measure(BenchSettings settings, Case c) throws IOException {
        BackboneSpec spec = BackboneSpec.defaults(c.backbone());
        List<Double> perRep = new ArrayList<>();
        Map<String, Double> phases = new LinkedHashMap<>();
        Map<String, Object> javaInfo = new LinkedHashMap<>();
        int total = c.warmup() + settings.repetitions() * c.stepsPerRep() + c.phaseSteps();
        int done = 0;
        List<Double> torchPerRep = new ArrayList<>();
        Map<String, Object> py = null;
        try (StepRig rig = new StepRig(spec, "arcface", Map.of("s", "64", "m", "0.5"), c.batch(), c.classes(), 1)) {
            javaInfo.put("parameters", rig.backbone().parameterCount().describe());
            for (int i = 0; i < c.warmup(); i++) {
                long t = System.nanoTime();
                rig.step();
                progress(settings, c, ++done, total, "warm-up", t);
            }
            // Repetitions interleaved A B B A …: load that drifts during the run falls on both sides alike. Each
            // PyTorch repetition is one run of the script (its own warm-up, not timed).
            for (int r = 0; r < settings.repetitions(); r++) {
                boolean javaFirst = r % 2 == 0;
                if (!javaFirst) {
                    py = torchRepetition(settings, c, false);
                    torchPerRep.add(PythonBaseline.samples(py.get("step_seconds")).median());
                }
                long start = System.nanoTime();
                for (int i = 0; i < c.stepsPerRep(); i++) {
                    long t = System.nanoTime();
                    rig.step();
                    progress(settings, c, ++done, total, "timed", t);
                }
                perRep.add((System.nanoTime() - start) / 1e9 / c.stepsPerRep());
                if (javaFirst) {
                    py = torchRepetition(settings, c, false);
                    torchPerRep.add(PythonBaseline.samples(py.get("step_seconds")).median());
                }
            }
            for (int i = 0; i < c.phaseSteps(); i++) {
                long t = System.nanoTime();
                rig.phasedStep().forEach((k, v) -> phases.merge(k, v / c.phaseSteps(), Double::sum));
                progress(settings, c, ++done, total, "phases", t);
            }
            javaInfo.put("last_loss", rig.step().loss());
        }
        Map<String, Object> phased = torchRepetition(settings, c, true);
        py = py == null ? phased : py;
        py.put("phase_seconds", phased.get("phase_seconds"));
        Samples ours = Samples.of("s/step", perRep);
        Samples torch = Samples.of("s/step", torchPerRep);
        @SuppressWarnings("unchecked")
        Map<String, Object> torchPhases = (Map<String, Object>) py.get("phase_seconds");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shape", String.format(Locale.ROOT, "%s %dx%dx%d, batch %d, arcface s 64 m 0.5 over %d classes, "
                + "SGD lr 0.1 momentum 0.9 wd 5e-4, clip 5", c.backbone(), spec.channels(), spec.height(), spec.width(),
                c.batch(), c.classes()));
        details.put("steps", String.format(Locale.ROOT, "%d warm-up, %d reps x %d steps, %d phase-timed",
                c.warmup(), settings.repetitions(), c.stepsPerRep(), c.phaseSteps()));
        details.put("phases_ms java | pytorch | ratio", phaseTable(phases, torchPhases));
        details.put("java", javaInfo);
        details.put("pytorch", Map.of("engine", py.get("engine"), "torch_threads", py.get("torch_threads"),
                "torch_interop_threads", py.get("torch_interop_threads"), "last_loss", py.get("last_loss"),
                "load_average_before", py.get("load_average_before"), "load_average_after", py.get("load_average_after")));
        return Comparison.quotient(c.backbone(), ours, "hypersphere TrainingStep (DJL " + ai.djl.engine.Engine.getDjlVersion()
                + ", libtorch " + ai.djl.engine.Engine.getInstance().getVersion() + ")", torch, String.valueOf(py.get("engine")),
                "Java s/step ÷ PyTorch s/step", TARGET, details);
    }

    /** One PyTorch repetition (timed steps), or with {@code phases} only its phase-timed steps. */
    private static Map<String, Object> torchRepetition(BenchSettings settings, Case c, boolean phases) throws IOException {
        return PythonBaseline.run(settings, "bench_train_step.py", List.of("--backbone", c.backbone(),
                "--batch", Integer.toString(c.batch()), "--classes", Integer.toString(c.classes()),
                "--warmup", Integer.toString(c.warmup()), "--reps", phases ? "0" : "1",
                "--steps", Integer.toString(c.stepsPerRep()), "--phase-steps", phases ? Integer.toString(c.phaseSteps()) : "0"));
    }

    private static Map<String, String> phaseTable(Map<String, Double> java, Map<String, Object> torch) {
        Map<String, String> table = new LinkedHashMap<>();
        double javaTotal = 0;
        double torchTotal = 0;
        for (Map.Entry<String, Double> e : java.entrySet()) {
            double j = e.getValue();
            double t = ((Number) torch.get(e.getKey())).doubleValue();
            javaTotal += j;
            torchTotal += t;
            table.put(e.getKey(), row(j, t));
        }
        table.put("total", row(javaTotal, torchTotal));
        return table;
    }

    private static String row(double java, double torch) {
        return String.format(Locale.ROOT, "%.2f | %.2f | %s", 1e3 * java, 1e3 * torch,
                torch > 1e-5 ? String.format(Locale.ROOT, "%.2f", java / torch) : "-");
    }

    private static void progress(BenchSettings settings, Case c, int done, int total, String what, long startNanos) {
        settings.log().printf(Locale.ROOT, "  java %s step %d/%d (%s): %.3f s%n", c.backbone(), done, total, what,
                (System.nanoTime() - startNanos) / 1e9);
    }
}
