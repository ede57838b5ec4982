package dev.hypersphere.bench;

import dev.hypersphere.bench.step.StepRig;
import dev.hypersphere.head.Heads;
import dev.hypersphere.model.BackboneSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code head-overhead}: seconds per training step with each head against the same step with plain softmax, same
 * backbone, batch, classes and data. The heads take turns within each repetition, so that a change in the machine's
 * load falls on all of them alike. Ratio: head's step ÷ softmax's step (target ≤ 1.03, i.e. ≤ 3 % overhead).
 */
public final class HeadOverheadBench implements Benchmark {

    record Case(String backbone, int batch, int classes, int warmup, int stepsPerRep) {}

    static final Target TARGET = Target.atMost(1.03);

    @Override
    public String name() {
        return "head-overhead";
    }

    @Override
    public String description() {
        return "step time with each head (softmax, normface, sphereface, cosface, arcface, combined, subcenter-arcface) vs softmax";
    }

    static List<Case> cases(boolean quick) {
        if (quick) {
            return List.of(new Case("smallnet", 8, 10, 1, 1));
        }
        return List.of(new Case("smallnet", 64, 1000, 5, 20), new Case("iresnet18", 64, 10_000, 1, 2));
    }

    @Override
    public Outcome measure(BenchSettings settings) throws IOException {
        EngineThreads.use(settings.threads());
        List<Comparison> rows = new ArrayList<>();
        for (Case c : cases(settings.quick())) {
            if (!settings.selects(c.backbone())) {
                continue;
            }
            rows.addAll(measure(settings, c));
        }
        return new Outcome(rows, Map.of("engine_threads", EngineThreads.describe()), List.of(
                "ratio = median s/step with the head ÷ median s/step with softmax (same backbone, batch, classes, data); "
                        + "repetitions interleave the heads",
                "sphereface is the original (feature-norm) variant with the Caffe λ schedule; subcenter-arcface has K = 3 "
                        + "(its W is 3× larger)"));
    }

    private List<Comparison> measure(BenchSettings settings, Case c) {
        BackboneSpec spec = BackboneSpec.defaults(c.backbone());
        Map<String, StepRig> rigs = new LinkedHashMap<>();
        Map<String, List<Double>> perRep = new LinkedHashMap<>();
        try {
            for (String head : Heads.NAMES) {
                rigs.put(head, new StepRig(spec, head, Map.of(), c.batch(), c.classes(), 1));
                perRep.put(head, new ArrayList<>());
            }
            for (Map.Entry<String, StepRig> e : rigs.entrySet()) {
                for (int i = 0; i < c.warmup(); i++) {
                    e.getValue().step();
                }
            }
            for (int r = 0; r < settings.repetitions(); r++) {
                for (Map.Entry<String, StepRig> e : rigs.entrySet()) {
                    long start = System.nanoTime();
                    for (int i = 0; i < c.stepsPerRep(); i++) {
                        e.getValue().step();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9 / c.stepsPerRep();
                    perRep.get(e.getKey()).add(seconds);
                    settings.log().printf(Locale.ROOT, "  %s %s rep %d/%d: %.4f s/step%n", c.backbone(), e.getKey(), r + 1,
                            settings.repetitions(), seconds);
                }
            }
        } finally {
            rigs.values().forEach(StepRig::close);
        }
        Samples softmax = Samples.of("s/step", perRep.get("softmax"));
        List<Comparison> rows = new ArrayList<>();
        String shape = String.format(Locale.ROOT, "%s, batch %d, %d classes, %d warm-up + %d reps x %d steps", c.backbone(),
                c.batch(), c.classes(), c.warmup(), settings.repetitions(), c.stepsPerRep());
        for (String head : Heads.NAMES) {
            if (head.equals("softmax")) {
                continue;
            }
            rows.add(Comparison.quotient(c.backbone() + " " + head, Samples.of("s/step", perRep.get(head)),
                    head + " step", softmax, "softmax step", "head s/step ÷ softmax s/step", TARGET, Map.of("shape", shape)));
        }
        return rows;
    }
}
