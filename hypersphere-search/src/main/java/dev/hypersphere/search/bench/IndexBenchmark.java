package dev.hypersphere.search.bench;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.search.gallery.Enrollment;
import dev.hypersphere.search.gallery.Gallery;
import dev.hypersphere.search.gallery.GallerySnapshot;
import dev.hypersphere.search.index.ExactIndex;
import dev.hypersphere.search.index.Hit;
import dev.hypersphere.search.index.HnswParams;
import dev.hypersphere.search.index.IndexKind;
import dev.hypersphere.search.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lucene HNSW against exact search on a gallery of random unit vectors (the hardest case for a graph: no
 * clusters, near neighbours barely nearer than the rest), in one process:
 * recall@k of HNSW against the exact top-k (computed once, as matrix products on the engine), the gallery's
 * build time (enrollment of every identity in one atomic write, then compaction into one segment), and the
 * latency of one identify search (p50/p99 over the queries, one thread), exact scan vs HNSW at each ef, with the
 * ratio HNSW/exact. Prints a table and JSON.
 *
 * <pre>
 * java -cp ... dev.hypersphere.search.bench.IndexBenchmark [--n 100000] [--dims 512,128] [--queries 1000] [--k 10]
 *      [--m 16] [--beam-width 100] [--ef 10,50,100,200,400] [--seed 42] [--dir TMP] [--json FILE]
 * </pre>
 */
public final class IndexBenchmark {

    private IndexBenchmark() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        int n = Integer.parseInt(opt.getOrDefault("n", "100000"));
        int[] dims = ints(opt.getOrDefault("dims", "512,128"));
        int queries = Integer.parseInt(opt.getOrDefault("queries", "1000"));
        int k = Integer.parseInt(opt.getOrDefault("k", "10"));
        int m = Integer.parseInt(opt.getOrDefault("m", "16"));
        int beam = Integer.parseInt(opt.getOrDefault("beam-width", "100"));
        int[] efs = ints(opt.getOrDefault("ef", "10,50,100,200,400"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        Path work = Path.of(opt.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
        List<Map<String, Object>> results = new ArrayList<>();
        for (int dim : dims) {
            results.add(run(n, dim, queries, k, new HnswParams(m, beam, efs[0]), efs, seed, work));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "hnsw-vs-exact");
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("results", results);
        String json = Reports.toJson(doc);
        System.out.println(json);
        if (opt.containsKey("json")) {
            Files.writeString(Path.of(opt.get("json")), json);
        }
    }

    private static Map<String, Object> run(int n, int dim, int nq, int k, HnswParams params, int[] efs, long seed, Path work)
            throws IOException {
        System.out.printf(Locale.ROOT, "%n== %,d random unit vectors, dim %d, %d queries, k %d, M %d, beam width %d ==%n",
                n, dim, nq, k, params.m(), params.beamWidth());
        Random random = new Random(seed + dim);
        float[] data = unitRows(random, n, dim);
        float[] queries = unitRows(random, nq, dim);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = String.format("id%07d", i);
        }

        long t0 = System.nanoTime();
        List<List<Hit>> truth = ExactIndex.ofRows(ids, data, dim).searchAll(queries, k);
        double truthSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "exact top-%d of all queries (engine matmul): %.1f s%n", k, truthSeconds);

        Path dir = Files.createTempDirectory(work, "hnsw-bench-");
        Path galleryDir = dir.resolve("gallery");
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            List<Enrollment> people = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                people.add(Enrollment.of(ids[i], Arrays.copyOfRange(data, i * dim, (i + 1) * dim)));
            }
            data = null;   // the gallery holds them now
            Gallery gallery = Gallery.create(galleryDir, "benchmark", dim, params);
            t0 = System.nanoTime();
            gallery.enrollAll(people);
            double enrollSeconds = (System.nanoTime() - t0) / 1e9;
            people = null;
            int segments = segments(galleryDir);
            t0 = System.nanoTime();
            gallery.compact();
            double compactSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "build: enroll %,d identities %.1f s (%d segments), compact to 1 segment %.1f s, total %.1f s; "
                    + "index on disk %.0f MB%n", n, enrollSeconds, segments, compactSeconds, enrollSeconds + compactSeconds,
                    size(galleryDir) / 1e6);
            out.put("n", n);
            out.put("dim", dim);
            out.put("queries", nq);
            out.put("k", k);
            out.put("hnsw_m", params.m());
            out.put("hnsw_beam_width", params.beamWidth());
            out.put("build_enroll_seconds", enrollSeconds);
            out.put("segments_after_enroll", segments);
            out.put("build_compact_seconds", compactSeconds);
            out.put("build_total_seconds", enrollSeconds + compactSeconds);
            out.put("index_bytes", size(galleryDir));
            out.put("exact_truth_seconds", truthSeconds);

            try (GallerySnapshot snapshot = gallery.snapshot()) {
                t0 = System.nanoTime();
                VectorIndex exact = snapshot.index(IndexKind.EXACT);
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                out.put("exact_load_seconds", loadSeconds);
                // The gallery's exact search must agree with the engine's ground truth.
                int agree = 0;
                double[] exactLatency = latencies(exact, queries, dim, k, null);
                for (int q = 0; q < Math.min(nq, 50); q++) {
                    agree += overlap(exact.search(Arrays.copyOfRange(queries, q * dim, (q + 1) * dim), k), truth.get(q));
                }
                double exactP50 = percentile(exactLatency, 50);
                double exactP99 = percentile(exactLatency, 99);
                System.out.printf(Locale.ROOT, "exact scan: load %.1f s; latency p50 %.2f ms, p99 %.2f ms (agrees with the engine on %d/%d)%n",
                        loadSeconds, exactP50, exactP99, agree, Math.min(nq, 50) * k);
                out.put("exact_p50_ms", exactP50);
                out.put("exact_p99_ms", exactP99);
                System.out.printf(Locale.ROOT, "%6s %10s %10s %10s %10s %12s %12s%n", "ef", "recall@" + k, "recall@1", "p50 ms", "p99 ms",
                        "p50 ratio", "p99 ratio");
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int ef : efs) {
                    VectorIndex hnsw = snapshot.hnsw(ef);
                    double[] recall = new double[2];
                    double[] lat = latencies(hnsw, queries, dim, k, (q, hits) -> {
                        recall[0] += overlap(hits, truth.get(q));
                        recall[1] += !hits.isEmpty() && hits.get(0).id().equals(truth.get(q).get(0).id()) ? 1 : 0;
                    });
                    double r = recall[0] / ((double) nq * k);
                    double top1 = recall[1] / nq;
                    double p50 = percentile(lat, 50);
                    double p99 = percentile(lat, 99);
                    System.out.printf(Locale.ROOT, "%6d %10.4f %10.4f %10.3f %10.3f %12.4f %12.4f%n", ef, r, top1, p50, p99, p50 / exactP50,
                            p99 / exactP99);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("ef", ef);
                    row.put("recall_at_k", r);
                    row.put("recall_at_1", top1);
                    row.put("p50_ms", p50);
                    row.put("p99_ms", p99);
                    row.put("p50_ratio_hnsw_over_exact", p50 / exactP50);
                    row.put("p99_ratio_hnsw_over_exact", p99 / exactP99);
                    rows.add(row);
                }
                out.put("hnsw", rows);
            }
        } finally {
            deleteTree(dir);
        }
        return out;
    }

    private interface HitsConsumer {
        void accept(int query, List<Hit> hits);
    }

    /** Milliseconds of each query's search, after a warm-up pass over the first 200 queries. */
    private static double[] latencies(VectorIndex index, float[] queries, int dim, int k, HitsConsumer consumer) throws IOException {
        int nq = queries.length / dim;
        for (int q = 0; q < Math.min(nq, 200); q++) {
            index.search(Arrays.copyOfRange(queries, q * dim, (q + 1) * dim), k);
        }
        double[] ms = new double[nq];
        for (int q = 0; q < nq; q++) {
            float[] query = Arrays.copyOfRange(queries, q * dim, (q + 1) * dim);
            long t = System.nanoTime();
            List<Hit> hits = index.search(query, k);
            ms[q] = (System.nanoTime() - t) / 1e6;
            if (consumer != null) {
                consumer.accept(q, hits);
            }
        }
        return ms;
    }

    private static int overlap(List<Hit> found, List<Hit> truth) {
        Set<String> want = new HashSet<>();
        truth.forEach(h -> want.add(h.id()));
        int hit = 0;
        for (Hit h : found) {
            hit += want.contains(h.id()) ? 1 : 0;
        }
        return hit;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static float[] unitRows(Random random, int n, int dim) {
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                float v = (float) random.nextGaussian();
                out[i * dim + d] = v;
                norm += (double) v * v;
            }
            double inv = 1 / Math.sqrt(norm);
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = (float) (out[i * dim + d] * inv);
            }
        }
        return out;
    }

    private static int segments(Path galleryDir) throws IOException {
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(galleryDir.resolve(Gallery.INDEX_DIR))) {
            return org.apache.lucene.index.SegmentInfos.readLatestCommit(d).size();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
