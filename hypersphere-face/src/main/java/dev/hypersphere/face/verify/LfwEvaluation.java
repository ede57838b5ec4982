package dev.hypersphere.face.verify;

import dev.hypersphere.eval.io.PairList;
import dev.hypersphere.eval.verify.FlipMode;
import dev.hypersphere.eval.verify.PairFeatures;
import dev.hypersphere.eval.verify.ProtocolResult;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.eval.verify.VerificationProtocol;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.MultiFacePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * LFW verification under its published protocols, on the photos themselves: the pairs file's images are found in a
 * folder or archive ({@link PairImages}), each embedded once through the face pipeline ({@link PhotoEmbedder}: policy
 * {@code central}, centre crop where no face is found, as LFW's protocol counts every pair), and the pairs scored
 * with the existing verification code ({@link Verification}: the chosen protocol's 10-fold accuracy, ROC, AUC, EER,
 * TAR@FAR) plus the accuracy of each of {@link #PROTOCOLS}.
 *
 * <p><b>Thresholds.</b> insightface picks each fold's threshold as the first maximiser of the accuracy on the other
 * folds (squared L2 distance, grid k·0.01); SphereFace takes the mean of all maximisers on the other folds after
 * subtracting their mean feature. With every fold scored, "the other folds" are the other 9. When only folds F are
 * scored ({@code folds}: a model that never trained on F, in k-way cross-training), only F's pairs are used at all:
 * each fold of F gets its threshold (and SphereFace its mean) from the other folds of F, never from a fold the
 * model trained on; the protocols see F renumbered 0..|F|−1, and results carry the pairs file's own fold numbers, so
 * that {@link FoldAccuracies#combine} can join the folds of several models into one figure. F needs at least 2 folds.
 */
public final class LfwEvaluation {

    /** The protocols whose accuracy every report gives, whichever is chosen for the ROC and headline. */
    public static final List<String> PROTOCOLS = List.of("insightface", "sphereface");

    private LfwEvaluation() {}

    /** Every fold, protocol insightface for the headline: the photos from {@code images} (folder or tar(.gz), root found). */
    public static LfwVerification verify(FacePipelineOptions pipeline, Path pairsFile, Path images, int threads,
            PhotoEmbedder.Progress progress) throws IOException {
        return verify(pipeline, PairImages.read(pairsFile), PhotoCollection.open(images, null), null, "insightface", threads, progress);
    }

    /**
     * Scores the pairs of {@code folds} (0-based; null or empty: all) with photos embedded through {@code pipeline}
     * (its policy and fallback are set to {@code central} and on; flip fusion as given).
     *
     * @param protocol the protocol of the headline numbers and ROC: insightface, sphereface, facexzoo or best-threshold
     * @param threads  pipelines side by side (0: one per core)
     */
    public static LfwVerification verify(FacePipelineOptions pipeline, PairImages pairs, PhotoCollection photos,
            Collection<Integer> folds, String protocol, int threads, PhotoEmbedder.Progress progress) throws IOException {
        VerificationProtocol chosen = VerificationProtocol.byName(protocol);
        List<Integer> scored = scoredFolds(pairs, folds);
        List<PhotoCollection.Photo> resolved = pairs.resolve(photos);
        PairList list = pairs.pairs();

        // The pairs of the scored folds, their images once each, folds renumbered 0..|F|-1 for the protocols.
        int[] renumbered = new int[pairs.folds()];
        Arrays.fill(renumbered, -1);
        for (int i = 0; i < scored.size(); i++) {
            renumbered[scored.get(i)] = i;
        }
        int[] rowOf = new int[resolved.size()];
        Arrays.fill(rowOf, -1);
        List<PhotoCollection.Photo> used = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < list.size(); p++) {
            if (renumbered[list.fold()[p]] < 0) {
                continue;
            }
            kept.add(p);
            for (int image : new int[] {list.left()[p], list.right()[p]}) {
                if (rowOf[image] < 0) {
                    rowOf[image] = used.size();
                    used.add(resolved.get(image));
                }
            }
        }
        FacePipelineOptions options = forPhotos(pipeline);
        PhotoEmbeddings embedded = PhotoEmbedder.embed(options, used, threads, progress);
        if (embedded.faceless() > 0) {
            throw new IllegalStateException("no embedding for " + embedded.faceless() + " photo(s) although the centre-crop "
                    + "fallback is on, e.g. " + embedded.facelessNames().get(0));
        }
        int n = kept.size();
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] same = new boolean[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            int p = kept.get(i);
            left[i] = rowOf[list.left()[p]];
            right[i] = rowOf[list.right()[p]];
            same[i] = list.same()[p];
            fold[i] = renumbered[list.fold()[p]];
        }
        PairFeatures features = PairFeatures.gather(pairs.file().toString(), embedded.rows(), null, embedded.dim(), FlipMode.NONE,
                left, right, same, fold);
        Verification.Outcome outcome = Verification.run(features, chosen, FlipMode.NONE);
        Map<String, ProtocolResult> results = new LinkedHashMap<>();
        for (String name : PROTOCOLS) {
            results.put(name, name.equals(chosen.name()) ? outcome.protocol() : VerificationProtocol.byName(name).evaluate(features));
        }
        if (!results.containsKey(chosen.name())) {
            results.put(chosen.name(), outcome.protocol());
        }
        FoldDisjointness disjointness = pairs.disjointness();
        List<String> warnings = new ArrayList<>(list.warnings());
        if (!disjointness.holds()) {
            warnings.add(pairs.file() + ": " + disjointness.summary());
        }
        Map<String, Object> json = report(outcome, results, scored, options, pairs, photos, embedded, disjointness, threads);
        json.put("warnings", warnings);
        return new LfwVerification(json, chosen.name(), outcome, results, scored, embedded, disjointness, warnings);
    }

    /** The pipeline options for LFW photos: policy central, centre-crop fallback on (with a detector). */
    public static FacePipelineOptions forPhotos(FacePipelineOptions pipeline) {
        return pipeline.withPolicy(MultiFacePolicy.CENTRAL).withCentreCropFallback(pipeline.detector() != null);
    }

    /**
     * The folds to score, sorted: all for null or empty; else those given, which must exist and be at least 2 (each
     * fold's threshold comes from the other scored folds).
     */
    public static List<Integer> scoredFolds(PairImages pairs, Collection<Integer> folds) {
        List<Integer> scored = new ArrayList<>();
        if (folds == null || folds.isEmpty()) {
            for (int f = 0; f < pairs.folds(); f++) {
                scored.add(f);
            }
            return scored;
        }
        pairs.requireFolds(folds);
        scored.addAll(new TreeSet<>(folds));
        if (scored.size() < 2) {
            throw new IllegalArgumentException("scoring fold " + scored.get(0) + " alone is not possible: each scored fold's "
                    + "threshold is chosen on the other scored folds, so at least 2 are needed");
        }
        return scored;
    }

    private static Map<String, Object> report(Verification.Outcome outcome, Map<String, ProtocolResult> results,
            List<Integer> scored, FacePipelineOptions options, PairImages pairs, PhotoCollection photos,
            PhotoEmbeddings embedded, FoldDisjointness disjointness, int threads) {
        Map<String, Object> json = new LinkedHashMap<>(outcome.json());
        json.put("fold_accuracy", byFold(outcome.protocol().foldAccuracy(), scored));
        json.put("fold_threshold", byFold(outcome.protocol().foldThreshold(), scored));
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = new LinkedHashMap<>((Map<String, Object>) json.get("protocol_parameters"));
        json.put("protocol_parameters", parameters);
        parameters.put("flip", options.flipFusion() ? "sum" : "none");
        parameters.put("flip_note", options.flipFusion()
                ? "the face pipeline's flip fusion: raw embeddings of the face and its mirror image added, then L2-normalised "
                        + "(insightface's flip test; SphereFace's own is concatenation, so its number here uses the sum)"
                : "no flip test");
        Map<String, Object> byProtocol = new LinkedHashMap<>();
        results.forEach((name, r) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("accuracy", r.accuracy());
            entry.put("accuracy_std", r.accuracyStd());
            entry.put("fold_accuracy", byFold(r.foldAccuracy(), scored));
            entry.put("fold_threshold", byFold(r.foldThreshold(), scored));
            entry.put("threshold", r.threshold());
            entry.put("score", r.score());
            entry.put("threshold_choice", r.parameters().get("threshold_choice"));
            byProtocol.put(name, entry);
        });
        json.put("accuracy_by_protocol", byProtocol);
        json.put("folds_scored", scored);
        json.put("threshold_selection", "each scored fold's threshold (and SphereFace's mean feature) comes from the other "
                + "scored folds only: with all " + pairs.folds() + " folds scored, the other " + (pairs.folds() - 1) + "; with a "
                + "subset F (a model that did not train on F), F's other folds, never a fold the model trained on. Folds are "
                + "numbered from 0 in the pairs file's order");
        json.put("people_disjoint", disjointness.json());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("pairs_file", pairs.file().toString());
        input.put("images", photos.source());
        input.put("images_root", photos.root());
        json.put("input", input);
        json.put("pipeline", pipelineJson(options, threads));
        json.put("images", embedded.json());
        return json;
    }

    /** The pipeline options as JSON. */
    static Map<String, Object> pipelineJson(FacePipelineOptions options, int threads) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", options.embedder().toString());
        json.put("detector", options.detector() == null ? null : options.detector().toString());
        json.put("policy", options.policy().name().toLowerCase(java.util.Locale.ROOT));
        json.put("score_threshold", options.scoreThreshold());
        json.put("centre_crop_fallback", options.centreCropFallback());
        json.put("flip_fusion", options.flipFusion());
        json.put("template", options.template());
        json.put("threads", threads);
        return json;
    }

    private static Map<String, Object> byFold(double[] values, List<Integer> scored) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            out.put(Integer.toString(scored.get(i)), values[i]);
        }
        return out;
    }
}
