package dev.hypersphere.eval.identify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open-set identification on one labelled set, BLUFR-style: the gallery holds the first image (row order) of each
 * person with two or more images; the probes are those people's other images (mated: their person is enrolled) and
 * every image of the people with exactly one image (non-mated: nobody to find). Scored with {@link Identification}.
 *
 * @param gallery rows enrolled, in row order
 * @param probes  rows searched, in row order
 */
public record OpenSetSplit(int[] gallery, int[] probes) {

    /** The split of rows whose person is {@code identity[row]}. */
    public static OpenSetSplit firstImageGallery(int[] identity) {
        Map<Integer, Integer> count = new HashMap<>();
        for (int id : identity) {
            count.merge(id, 1, Integer::sum);
        }
        List<Integer> gallery = new ArrayList<>();
        List<Integer> probes = new ArrayList<>();
        Map<Integer, Boolean> enrolled = new HashMap<>();
        for (int row = 0; row < identity.length; row++) {
            int id = identity[row];
            if (count.get(id) >= 2 && enrolled.putIfAbsent(id, true) == null) {
                gallery.add(row);
            } else {
                probes.add(row);
            }
        }
        return new OpenSetSplit(gallery.stream().mapToInt(Integer::intValue).toArray(), probes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** What the search found and its open-set points. */
    public record Result(Identification.ProbeOutcomes outcomes, List<Identification.OpenSetPoint> openSet) {

        /** rank-1/5/10, CMC, TPIR (= DIR at rank 1) at each FPIR, counts. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>(Identification.summary(outcomes, openSet));
            Map<String, Object> dir = new LinkedHashMap<>();
            for (Identification.OpenSetPoint p : openSet) {
                if (p.reachable()) {
                    dir.put(dev.hypersphere.eval.verify.Verification.farKey(p.fpirTarget()), p.tpir());
                }
            }
            json.put("dir_at_far", dir);
            json.put("protocol", "gallery: the first image of each person with >= 2 images; probes: their other images "
                    + "(mated) and the images of people with exactly 1 image (non-mated). DIR@FAR = TPIR at rank 1 at the "
                    + "lowest threshold whose FPIR (non-mated probes whose top score reaches it) does not exceed the target");
            return json;
        }
    }

    /**
     * Searches every probe against the gallery.
     *
     * @param rows row-major embeddings of all rows ({@code dim} columns)
     */
    public Result evaluate(float[] rows, int dim, int[] identity, double[] fpirTargets, int block) {
        if (gallery.length == 0) {
            throw new IllegalArgumentException("open-set identification needs people with at least 2 images: there are none");
        }
        float[] g = pick(rows, dim, gallery);
        float[] p = pick(rows, dim, probes);
        Identification.ProbeOutcomes outcomes = Identification.search(g, labels(identity, gallery), p, labels(identity, probes), dim, block);
        return new Result(outcomes, Identification.openSet(outcomes, fpirTargets));
    }

    private static float[] pick(float[] rows, int dim, int[] which) {
        float[] out = new float[which.length * dim];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(rows, which[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    private static List<String> labels(int[] identity, int[] which) {
        return Arrays.stream(which).mapToObj(r -> Integer.toString(identity[r])).toList();
    }
}
