package dev.hypersphere.bench;

import dev.hypersphere.bench.eval.TopKSearch;
import dev.hypersphere.bench.jmh.JmhRunner;
import dev.hypersphere.bench.jmh.VerificationJmh;
import dev.hypersphere.eval.identify.BlockedScores;
import dev.hypersphere.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code eval}: (a) one 10-fold insightface verification run on 6,000 pairs of 512-d vectors (JMH, forked JVM),
 * against a 50 ms budget; (b) exact top-10 search of 1,000 queries over a 100k × 512 gallery with our blocked
 * scoring against FAISS {@code IndexFlatIP} ({@code tools/bench_search.py}, Debian's python3-faiss) on the same
 * vectors (written with our Npy writer) and thread count, and how far the two top-10 lists agree.
 */
public final class EvalBench implements Benchmark {

    static final double VERIFICATION_BUDGET_MS = 50;

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String description() {
        return "10-fold verification on 6,000 pairs (JMH); top-10 search over 100k x 512 vs FAISS IndexFlatIP, with agreement";
    }

    @Override
    public Outcome measure(BenchSettings settings) throws IOException {
        EngineThreads.use(settings.threads());
        List<Comparison> rows = new ArrayList<>();
        rows.add(verification(settings));
        rows.add(search(settings));
        return new Outcome(rows, Map.of("engine_threads", EngineThreads.describe()), List.of(
                "verification: JMH average time per run, one forked JVM, each measurement iteration is a repetition",
                "search: both sides search already-normalised float32 vectors; index building / array copies into the "
                        + "engine per block are inside our timing (our search has no index), FAISS's add() is not"));
    }

    private Comparison verification(BenchSettings settings) {
        int pairs = settings.quick() ? 600 : 6000;
        int iterations = Math.max(settings.repetitions(), settings.quick() ? 3 : 5);
        settings.log().printf(Locale.ROOT, "  verification: JMH, %d pairs, %d iterations (forked JVM)%n", pairs, iterations);
        List<Double> ms = JmhRunner.iterationScores(VerificationJmh.class, settings.quick() ? 1 : 3, iterations,
                settings.quick() ? 0.2 : 1.0, Map.of("protocol", "insightface", "pairs", Integer.toString(pairs)));
        Samples ours = Samples.of("ms/run", ms);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shape", pairs + " pairs x 512-d, 10 folds, insightface protocol + ROC/AUC/EER/TAR@FAR");
        details.put("scores", "same pairs cos ~ N(0.65, 0.12), different pairs independent (cos ~ 0 ± 0.044)");
        return new Comparison("verification insightface 10-fold", ours, "hypersphere Verification.run (JMH)", null,
                null, "ms per run ÷ 50 ms budget", ours.median() / VERIFICATION_BUDGET_MS, Target.atMost(1), details);
    }

    private Comparison search(BenchSettings settings) throws IOException {
        int galleryRows = settings.quick() ? 1000 : 100_000;
        int queryRows = settings.quick() ? 50 : 1000;
        int dim = 512;
        int k = 10;
        SplittableRandom random = new SplittableRandom(7);
        float[] gallery = new float[galleryRows * dim];
        for (int i = 0; i < gallery.length; i++) {
            gallery[i] = (float) gaussian(random);
        }
        gallery = BlockedScores.normalizedRows(gallery, dim);
        float[] queries = new float[queryRows * dim];
        for (int q = 0; q < queryRows; q++) {
            // a noisy copy of a gallery row (cos ≈ 0.7 to it), so that each query has a clear nearest neighbour
            int mate = random.nextInt(galleryRows);
            for (int d = 0; d < dim; d++) {
                queries[q * dim + d] = gallery[mate * dim + d] + (float) (gaussian(random) / Math.sqrt(dim));
            }
        }
        queries = BlockedScores.normalizedRows(queries, dim);
        Path dir = Files.createTempDirectory("bench-search");
        try {
            Npy.writeFloatMatrix(dir.resolve("gallery.npy"), gallery, galleryRows, dim);
            Npy.writeFloatMatrix(dir.resolve("queries.npy"), queries, queryRows, dim);
            int[] ours = TopKSearch.search(queries, gallery, dim, k, BlockedScores.DEFAULT_BLOCK);   // warm-up
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < settings.repetitions(); r++) {
                long start = System.nanoTime();
                ours = TopKSearch.search(queries, gallery, dim, k, BlockedScores.DEFAULT_BLOCK);
                double rate = queryRows / ((System.nanoTime() - start) / 1e9);
                rates.add(rate);
                settings.log().printf(Locale.ROOT, "  search rep %d/%d: %.0f queries/s%n", r + 1, settings.repetitions(), rate);
            }
            Map<String, Object> py = PythonBaseline.run(settings, "bench_search.py", List.of("--dir", dir.toString(),
                    "--k", Integer.toString(k), "--reps", Integer.toString(settings.repetitions())));
            long[] theirs = Npy.readLongVector(dir.resolve("ids.npy"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("shape", String.format(Locale.ROOT, "%d queries, gallery %d x %d float32 unit rows, top-%d, block %d",
                    queryRows, galleryRows, dim, k, BlockedScores.DEFAULT_BLOCK));
            details.put("agreement", agreement(ours, theirs, queryRows, k));
            details.put("faiss", Map.of("engine", py.get("engine"), "faiss_threads", py.get("faiss_threads")));
            return Comparison.quotient("search top-10, 100k x 512".replace("100k", settings.quick() ? "1k" : "100k"),
                    Samples.of("queries/s", rates), "hypersphere BlockedScores + top-k",
                    PythonBaseline.samples(py.get("queries_per_second")), String.valueOf(py.get("engine")),
                    "our queries/s ÷ FAISS queries/s", Target.NONE, details);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Same top-1, same top-k set, and the mean overlap of the two top-k sets. */
    static Map<String, Object> agreement(int[] ours, long[] theirs, int queries, int k) {
        if (theirs.length != (long) queries * k) {
            throw new IllegalStateException("FAISS returned " + theirs.length + " ids, expected " + queries * k);
        }
        int top1 = 0;
        int sets = 0;
        long overlap = 0;
        for (int q = 0; q < queries; q++) {
            Set<Long> a = new HashSet<>();
            Set<Long> b = new HashSet<>();
            for (int i = 0; i < k; i++) {
                a.add((long) ours[q * k + i]);
                b.add(theirs[q * k + i]);
            }
            top1 += ours[q * k] == theirs[q * k] ? 1 : 0;
            sets += a.equals(b) ? 1 : 0;
            a.retainAll(b);
            overlap += a.size();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("same_top1", (double) top1 / queries);
        m.put("same_top_k_set", (double) sets / queries);
        m.put("mean_top_k_overlap", (double) overlap / ((long) queries * k));
        return m;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
