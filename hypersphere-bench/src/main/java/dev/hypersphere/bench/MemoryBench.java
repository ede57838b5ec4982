package dev.hypersphere.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code memory}: native memory over a long run. A child JVM (fixed, pre-touched 256 MB heap, so that heap growth
 * cannot pass for native growth; one engine thread) runs 10,000 steps of the small CNN with ArcFace through the
 * project's TrainingStep and reports its resident set every 1,000 steps. Ratio: RSS at step 10,000 ÷ RSS at step
 * 1,000 (target ≤ 1.05). Each child is a repetition; the children run side by side.
 */
public final class MemoryBench implements Benchmark {

    static final int BATCH = 8;
    static final int CLASSES = 10;
    static final Target TARGET = Target.atMost(1.05);

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "resident memory of a child JVM at step 1k vs 10k of a small-model training run";
    }

    @Override
    public Outcome measure(BenchSettings settings) throws IOException {
        if (!Files.exists(Path.of("/proc/self/status"))) {
            throw new IOException("/proc/self/status: the memory benchmark needs Linux /proc");
        }
        int early = settings.quick() ? 20 : 1000;
        int late = settings.quick() ? 60 : 10_000;
        List<Double> earlyMb = new ArrayList<>();
        List<Double> lateMb = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Object> curves = new ArrayList<>();
        boolean arraysConstant = true;
        // The repetitions' children run side by side (one engine thread each): a 10k-step run takes minutes, and
        // resident memory, unlike time, does not depend on how busy the cores are.
        List<java.util.concurrent.CompletableFuture<Map<Integer, long[]>>> children = new ArrayList<>();
        java.util.concurrent.ExecutorService waiters = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        for (int r = 0; r < settings.repetitions(); r++) {
            int rep = r;
            children.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return child(settings, late, early, rep);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, waiters));
        }
        waiters.shutdown();
        for (int r = 0; r < settings.repetitions(); r++) {
            Map<Integer, long[]> at;
            try {
                at = children.get(r).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
            }
            long[] e = at.get(early);
            long[] l = at.get(late);
            if (e == null || l == null) {
                throw new IOException("memory child did not report steps " + early + " and " + late + ": " + at.keySet());
            }
            arraysConstant &= e[0] == l[0];
            earlyMb.add(e[1] / 1e6);
            lateMb.add(l[1] / 1e6);
            ratios.add((double) l[1] / e[1]);
            Map<String, Object> curve = new LinkedHashMap<>();
            at.forEach((step, v) -> curve.put(Integer.toString(step), String.format(Locale.ROOT, "%.1f MB", v[1] / 1e6)));
            curves.add(curve);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shape", String.format(Locale.ROOT, "smallnet 1x32x32, batch %d, arcface over %d classes, %d steps; "
                + "child JVM -Xms256m -Xmx256m -XX:+AlwaysPreTouch, 1 engine thread", BATCH, CLASSES, late));
        details.put("per_rep_ratio", Samples.of("ratio", ratios).toMap());
        details.put("root_arrays_constant", arraysConstant);
        details.put("rss_curves", curves);
        Comparison row = Comparison.quotient("RSS step " + late + " vs " + early, Samples.of("MB", lateMb), "RSS at step " + late,
                Samples.of("MB", earlyMb), "RSS at step " + early, "RSS(" + late + ") ÷ RSS(" + early + ")", TARGET, details);
        return new Outcome(List.of(row), Map.of(), List.of("ratio from the medians of the repetitions; per-repetition "
                + "ratios in per_rep_ratio"));
    }

    /** Runs one child; step → {root arrays, RSS bytes}. */
    private static Map<Integer, long[]> child(BenchSettings settings, int steps, int every, int rep) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
                "-DHYPERSPHERE_THREADS=1", "-cp", System.getProperty("java.class.path"), MemoryChild.class.getName(),
                Integer.toString(steps), Integer.toString(every))
                .redirectErrorStream(true).start();
        Map<Integer, long[]> at = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        long start = System.nanoTime();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("at ")) {
                    String[] f = line.split(" ");
                    at.put(Integer.parseInt(f[1]), new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
                    settings.log().printf(Locale.ROOT, "  memory rep %d/%d: step %s, RSS %.1f MB (%.0f s)%n", rep + 1,
                            settings.repetitions(), f[1], Long.parseLong(f[3]) / 1e6, (System.nanoTime() - start) / 1e9);
                } else {
                    other.add(line);
                }
            }
        }
        try {
            if (process.waitFor() != 0) {
                throw new IOException("memory child failed (exit " + process.exitValue() + "): " + String.join(" | ", other));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return at;
    }
}
