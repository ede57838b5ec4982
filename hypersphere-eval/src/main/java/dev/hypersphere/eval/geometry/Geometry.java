package dev.hypersphere.eval.geometry;

import dev.hypersphere.eval.identify.BlockedScores;
import dev.hypersphere.metric.AlignmentUniformity;
import dev.hypersphere.metric.EmbeddingRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The geometry of labelled embeddings on the sphere, the quantities the margin papers argue about. Every angle is
 * between L2-normalised embeddings, in degrees:
 * <ul>
 *   <li>per class: the mean direction (centre) = normalised mean of the unit embeddings, its concentration
 *       (length of that mean, 1 = all identical), angles of the samples to their centre, pairwise angles within
 *       the class, the angle to the nearest other centre;</li>
 *   <li>SphereFace's criterion: the largest intra-class angle (pairwise) must be smaller than the smallest
 *       inter-class angle. Both global numbers are reported, and per class whether its largest pairwise angle is
 *       below the angle from its centre to the nearest other centre (the fraction of classes meeting it);</li>
 *   <li>alignment {@code E‖x − y‖^α} over same-class pairs (each sample with a seeded random other sample of its
 *       class) and uniformity {@code log E exp(−t‖x − y‖²)} over all pairs (exact up to {@value #EXACT_UNIFORMITY_MAX}
 *       rows, else from 10⁶ sampled pairs), with core's {@link AlignmentUniformity};</li>
 *   <li>feature norms before normalisation (they carry quality information).</li>
 * </ul>
 */
public final class Geometry {

    public static final int EXACT_UNIFORMITY_MAX = 20_000;
    public static final long SAMPLED_UNIFORMITY_PAIRS = 1_000_000;

    /** Per-class numbers. */
    public record ClassGeometry(String label, int count, float[] centre, double concentration, AngleStats toCentre,
                                AngleStats pairwise, double nearestCentreDeg, String nearestClass) {

        public boolean meetsSphereFaceCriterion() {
            return pairwise.count() == 0 || pairwise.max() < nearestCentreDeg;
        }
    }

    /** Everything {@link #analyse} measures. */
    public record Result(List<ClassGeometry> classes, AngleStats toCentre, AngleStats pairwise, AngleStats interCentre,
                         double maxIntraDeg, double minInterDeg, double fractionMeeting, double alignment, double uniformity,
                         boolean uniformityExact, double alpha, double t, double[] norms) {}

    private Geometry() {}

    /**
     * @param raw row-major embeddings as the model gave them (any norm)
     * @param labels identity of each row
     */
    public static Result analyse(float[] raw, int dim, List<String> labels, double alpha, double t, long seed, int block) {
        int n = labels.size();
        if (raw.length != (long) n * dim) {
            throw new IllegalArgumentException(raw.length / Math.max(1, dim) + " rows but " + n + " labels");
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = i * dim; k < (i + 1) * dim; k++) {
                s += (double) raw[k] * raw[k];
            }
            norms[i] = Math.sqrt(s);
        }
        float[] unit = BlockedScores.normalizedRows(raw, dim);
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        List<String> names = new ArrayList<>(members.keySet());
        int classes = names.size();
        float[] centres = new float[classes * dim];
        double[] concentration = new double[classes];
        List<double[]> toCentre = new ArrayList<>();
        List<double[]> pairwise = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> rows = members.get(names.get(c));
            double[] mean = new double[dim];
            for (int i : rows) {
                for (int k = 0; k < dim; k++) {
                    mean[k] += unit[i * dim + k];
                }
            }
            double length = 0;
            for (int k = 0; k < dim; k++) {
                mean[k] /= rows.size();
                length += mean[k] * mean[k];
            }
            length = Math.sqrt(length);
            concentration[c] = length;
            for (int k = 0; k < dim; k++) {
                centres[c * dim + k] = (float) (mean[k] / Math.max(length, 1e-12));
            }
            double[] angles = new double[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                double dot = 0;
                for (int k = 0; k < dim; k++) {
                    dot += (double) unit[rows.get(j) * dim + k] * mean[k];
                }
                angles[j] = AngleStats.degrees(dot / Math.max(length, 1e-12));
            }
            toCentre.add(angles);
            pairwise.add(pairwiseAngles(unit, rows, dim, block));
        }
        double[] nearest = new double[classes];
        int[] nearestIndex = new int[classes];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        Arrays.fill(nearestIndex, -1);
        List<Double> inter = new ArrayList<>();
        BlockedScores.forEachBlock(centres, centres, dim, block, (q0, qc, r0, rc, scores) -> {
            for (int i = 0; i < qc; i++) {
                for (int j = 0; j < rc; j++) {
                    int a = q0 + i;
                    int b = r0 + j;
                    if (a == b) {
                        continue;
                    }
                    double angle = AngleStats.degrees(scores[i * rc + j]);
                    if (a < b) {
                        inter.add(angle);
                    }
                    if (angle < nearest[a]) {
                        nearest[a] = angle;
                        nearestIndex[a] = b;
                    }
                }
            }
        });
        List<ClassGeometry> perClass = new ArrayList<>();
        double maxIntra = 0;
        int meeting = 0;
        for (int c = 0; c < classes; c++) {
            ClassGeometry g = new ClassGeometry(names.get(c), members.get(names.get(c)).size(),
                    Arrays.copyOfRange(centres, c * dim, (c + 1) * dim), concentration[c], AngleStats.of(toCentre.get(c)),
                    AngleStats.of(pairwise.get(c)), nearest[c], nearestIndex[c] < 0 ? null : names.get(nearestIndex[c]));
            perClass.add(g);
            if (g.pairwise().count() > 0) {
                maxIntra = Math.max(maxIntra, g.pairwise().max());
            }
            meeting += g.meetsSphereFaceCriterion() ? 1 : 0;
        }
        double minInter = Arrays.stream(nearest).min().orElse(Double.NaN);
        double alignmentValue = alignment(unit, dim, members, alpha, seed);
        EmbeddingRows all = EmbeddingRows.of(unit, dim);
        boolean exact = n <= EXACT_UNIFORMITY_MAX;
        double uniformityValue = n < 2 ? Double.NaN : exact ? AlignmentUniformity.uniformity(all, t, block)
                : AlignmentUniformity.uniformitySampled(all, t, SAMPLED_UNIFORMITY_PAIRS, seed);
        return new Result(perClass, AngleStats.of(concat(toCentre)), AngleStats.of(concat(pairwise)),
                AngleStats.of(inter.stream().mapToDouble(Double::doubleValue).toArray()), maxIntra, minInter,
                (double) meeting / classes, alignmentValue, uniformityValue, exact, alpha, t, norms);
    }

    private static double[] pairwiseAngles(float[] unit, List<Integer> rows, int dim, int block) {
        int m = rows.size();
        float[] part = new float[m * dim];
        for (int j = 0; j < m; j++) {
            System.arraycopy(unit, rows.get(j) * dim, part, j * dim, dim);
        }
        double[] out = new double[m * (m - 1) / 2];
        if (m < 2) {
            return out;
        }
        int[] at = {0};
        BlockedScores.forEachBlock(part, part, dim, block, (q0, qc, r0, rc, scores) -> {
            for (int i = 0; i < qc; i++) {
                for (int j = 0; j < rc; j++) {
                    if (q0 + i < r0 + j) {
                        out[at[0]++] = AngleStats.degrees(scores[i * rc + j]);
                    }
                }
            }
        });
        return out;
    }

    private static double alignment(float[] unit, int dim, Map<String, List<Integer>> members, double alpha, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        for (List<Integer> rows : members.values()) {
            if (rows.size() < 2) {
                continue;
            }
            for (int j = 0; j < rows.size(); j++) {
                int other = random.nextInt(rows.size() - 1);
                if (other >= j) {
                    other++;
                }
                xs.add(Arrays.copyOfRange(unit, rows.get(j) * dim, (rows.get(j) + 1) * dim));
                ys.add(Arrays.copyOfRange(unit, rows.get(other) * dim, (rows.get(other) + 1) * dim));
            }
        }
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        return AlignmentUniformity.alignment(EmbeddingRows.of(xs.toArray(new float[0][])),
                EmbeddingRows.of(ys.toArray(new float[0][])), alpha);
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /** The JSON form: summaries, SphereFace's criterion, alignment/uniformity, norms, and per-class rows. */
    public static Map<String, Object> toMap(Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", r.classes().size());
        out.put("samples", r.norms().length);
        Map<String, Object> criterion = new LinkedHashMap<>();
        criterion.put("max_intra_class_angle_deg", r.maxIntraDeg());
        criterion.put("min_inter_class_angle_deg", r.minInterDeg());
        criterion.put("met", r.maxIntraDeg() < r.minInterDeg());
        criterion.put("fraction_of_classes_meeting", r.fractionMeeting());
        criterion.put("definition", "intra: largest pairwise angle between samples of a class; inter: smallest angle between "
                + "class centres; a class meets it when its largest pairwise angle is below the angle to its nearest other centre");
        out.put("sphereface_criterion", criterion);
        out.put("intra_class_angle_to_centre", r.toCentre().toMap(true));
        out.put("intra_class_pairwise_angle", r.pairwise().toMap(true));
        out.put("inter_class_centre_angle", r.interCentre().toMap(true));
        Map<String, Object> au = new LinkedHashMap<>();
        au.put("alignment", nullIfNaN(r.alignment()));
        au.put("alpha", r.alpha());
        au.put("uniformity", nullIfNaN(r.uniformity()));
        au.put("t", r.t());
        au.put("uniformity_exact", r.uniformityExact());
        au.put("alignment_pairs", "each sample with a random other sample of its class (seeded)");
        out.put("alignment_uniformity", au);
        out.put("feature_norm", normStats(r.norms()));
        List<Map<String, Object>> classes = new ArrayList<>();
        for (ClassGeometry g : r.classes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("label", g.label());
            c.put("count", g.count());
            c.put("concentration", g.concentration());
            c.put("mean_angle_to_centre_deg", nullIfNaN(g.toCentre().mean()));
            c.put("max_angle_to_centre_deg", nullIfNaN(g.toCentre().max()));
            c.put("max_pairwise_angle_deg", g.pairwise().count() == 0 ? null : g.pairwise().max());
            c.put("nearest_centre_angle_deg", Double.isInfinite(g.nearestCentreDeg()) ? null : g.nearestCentreDeg());
            c.put("nearest_class", g.nearestClass());
            c.put("meets_sphereface_criterion", g.meetsSphereFaceCriterion());
            classes.add(c);
        }
        out.put("per_class", classes);
        return out;
    }

    /** Norm statistics; says when the embeddings were already normalised (then the norm carries nothing). */
    public static Map<String, Object> normStats(double[] norms) {
        AngleStats s = AngleStats.of(norms);
        Map<String, Object> out = new LinkedHashMap<>();
        double mean = s.mean();
        double sq = 0;
        for (double v : norms) {
            sq += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(sq / Math.max(1, norms.length));
        out.put("mean", mean);
        out.put("std", std);
        out.put("min", s.min());
        out.put("p5", s.percentile(5));
        out.put("median", s.percentile(50));
        out.put("p95", s.percentile(95));
        out.put("max", s.max());
        boolean normalised = Math.abs(mean - 1) < 1e-3 && std < 1e-3;
        out.put("already_normalised", normalised);
        out.put("note", normalised ? "the embeddings were stored L2-normalised: their norm carries no quality information"
                : "norms before L2 normalisation; a low norm often marks a hard or low-quality image");
        return out;
    }

    private static Object nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
