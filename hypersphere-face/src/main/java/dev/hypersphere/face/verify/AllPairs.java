package dev.hypersphere.face.verify;

import dev.hypersphere.eval.identify.BlockedScores;
import dev.hypersphere.eval.identify.OpenSetSplit;
import dev.hypersphere.eval.verify.AllPairScores;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.face.FacePipelineOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The all-pairs report on photos (BLUFR's spirit: LFW's 6,000 pairs cannot measure FAR below 1e-3): every photo of
 * the chosen people embedded once through the face pipeline (as {@link LfwEvaluation}: policy central, centre-crop
 * fallback), every pair of distinct photos scored ({@link AllPairScores}: exact AUC, EER, TAR@FAR), and open-set
 * identification with the first photo of each person with two or more as the gallery ({@link OpenSetSplit}: rank-1,
 * DIR@FAR).
 */
public final class AllPairs {

    /** FPIR targets of the identification report. */
    public static final double[] FPIR_TARGETS = {1e-3, 1e-2, 1e-1};

    /**
     * @param json           the report
     * @param scores         verification over all pairs
     * @param identification open-set identification (null when no person has 2 photos)
     * @param embeddings     the photos, their counts and timing
     */
    public record Result(Map<String, Object> json, AllPairScores.Result scores, OpenSetSplit.Result identification,
                         PhotoEmbeddings embeddings) {}

    private AllPairs() {}

    /** Everyone in {@code images} (a folder or tar(.gz), root found), every photo. */
    public static Result evaluate(FacePipelineOptions pipeline, java.nio.file.Path images, int threads,
            PhotoEmbedder.Progress progress) throws IOException {
        return evaluate(pipeline, PhotoCollection.open(images, null), null, 1, threads, progress);
    }

    /**
     * Embeds and scores the photos of {@code people}.
     *
     * @param people    the people to include (null: everyone in the collection); a name the collection lacks is an error
     * @param minImages only people with at least this many photos (1: everyone)
     * @param threads   pipelines side by side (0: one per core)
     */
    public static Result evaluate(FacePipelineOptions pipeline, PhotoCollection photos, Collection<String> people, int minImages,
            int threads, PhotoEmbedder.Progress progress) throws IOException {
        List<String> chosen = choose(photos, people, minImages);
        List<PhotoCollection.Photo> list = new ArrayList<>();
        List<Integer> identity = new ArrayList<>();
        for (int p = 0; p < chosen.size(); p++) {
            for (PhotoCollection.Photo photo : photos.photos(chosen.get(p))) {
                list.add(photo);
                identity.add(p);
            }
        }
        int[] ids = identity.stream().mapToInt(Integer::intValue).toArray();
        FacePipelineOptions options = LfwEvaluation.forPhotos(pipeline);
        PhotoEmbeddings embedded = PhotoEmbedder.embed(options, list, threads, progress);
        if (embedded.faceless() > 0) {
            throw new IllegalStateException("no embedding for " + embedded.faceless() + " photo(s) although the centre-crop "
                    + "fallback is on, e.g. " + embedded.facelessNames().get(0));
        }
        long start = System.nanoTime();
        AllPairScores.Result scores = AllPairScores.evaluate(embedded.rows(), embedded.dim(), ids, Verification.FAR_TARGETS,
                BlockedScores.DEFAULT_BLOCK);
        double scoringSeconds = (System.nanoTime() - start) / 1e9;
        OpenSetSplit split = OpenSetSplit.firstImageGallery(ids);
        start = System.nanoTime();
        OpenSetSplit.Result identification = split.gallery().length == 0 ? null
                : split.evaluate(embedded.rows(), embedded.dim(), ids, FPIR_TARGETS, BlockedScores.DEFAULT_BLOCK);
        double identificationSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("people", chosen.size());
        selection.put("images", list.size());
        selection.put("min_images", minImages);
        selection.put("people_given", people != null);
        json.put("selection", selection);
        json.putAll(scores.json());
        if (identification != null) {
            Map<String, Object> id = identification.json();
            if (identification.openSet().isEmpty()) {
                id.put("open_set_note", "no non-mated probes (every person chosen has 2 or more images): DIR@FAR cannot be measured");
            }
            json.put("identification", id);
        } else {
            json.put("identification", Map.of("note", "no person with 2 or more images: nothing to enrol"));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("images", photos.source());
        input.put("images_root", photos.root());
        json.put("input", input);
        json.put("pipeline", LfwEvaluation.pipelineJson(options, threads));
        json.put("images", embedded.json());
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("embedding_s", embedded.timing().get("wall_s"));
        timing.put("all_pairs_scoring_s", scoringSeconds);
        timing.put("identification_s", identificationSeconds);
        json.put("timing", timing);
        return new Result(json, scores, identification, embedded);
    }

    /**
     * The people in name order: those given (null: everyone; each must be in the collection), with at least
     * {@code minImages} photos; none left is an error.
     */
    public static List<String> choose(PhotoCollection photos, Collection<String> people, int minImages) {
        if (minImages < 1) {
            throw new IllegalArgumentException("min images must be >= 1, got " + minImages);
        }
        Collection<String> candidates = people == null ? photos.people() : new TreeSet<>(people);
        List<String> missing = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (String person : candidates) {
            int count = photos.photos(person).size();
            if (count == 0) {
                missing.add(person);
            } else if (count >= minImages) {
                chosen.add(person);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " of the people asked for have no photos in " + photos.describe()
                    + ", e.g. '" + missing.get(0) + "'");
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no person has " + minImages + " or more photos in " + photos.describe());
        }
        return chosen;
    }
}
