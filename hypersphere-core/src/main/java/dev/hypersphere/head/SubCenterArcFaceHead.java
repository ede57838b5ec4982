package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.hypersphere.geometry.Sphere;
import dev.hypersphere.validate.Inputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sub-center ArcFace (Deng et al., ECCV 2020 and the ArcFace journal version): K sub-centres per class, so that
 * noisy or atypical samples can gather around a non-dominant sub-centre instead of pulling the class's main
 * centre. A class's cosine is the largest cosine over its K sub-centres; the ArcFace margin is applied to that.
 *
 * <p>W has {@code C·K} rows, grouped by class: row {@code c·K + k} is sub-centre k of class c (insightface's
 * layout, which reshapes the C·K logits to C×K and takes the max over K).
 *
 * <p>After training, {@link #findNoisySamples} applies the paper's cleaning rule: in each class the dominant
 * sub-centre is the one most of its samples are nearest to, and samples farther than a threshold (75° in the
 * paper) from their class's dominant sub-centre are flagged as likely label noise.
 */
public final class SubCenterArcFaceHead extends ArcFaceHead {

    public static final int DEFAULT_SUB_CENTERS = 3;
    public static final double DEFAULT_NOISE_THRESHOLD_DEGREES = 75.0;

    private final int subCenters;

    public SubCenterArcFaceHead(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_SUB_CENTERS, DEFAULT_SCALE, DEFAULT_MARGIN, Mode.CLASSIC);
    }

    public SubCenterArcFaceHead(int numClasses, int embeddingDim, int subCenters, double s, double m, Mode mode) {
        super(numClasses, embeddingDim, numClasses * Inputs.requireAtLeast("k", subCenters, 1), s, m, mode);
        this.subCenters = subCenters;
    }

    @Override
    public String name() {
        return "subcenter-arcface";
    }

    public int subCenters() {
        return subCenters;
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = super.hyperParameters();
        p.put("k", subCenters);
        return p;
    }

    @Override
    protected NDArray cosines(ParameterStore store, NDArray embeddings, boolean training) {
        return subCenterCosines(store, embeddings, training).max(new int[] {2});
    }

    /** The sub-centre of each sample's class that is nearest to it: the one its pooled cosine came from. */
    @Override
    protected NDArray targetCentres(ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        NDArray own = weightValue(store, embeddings, training).reshape(numClasses, subCenters, embeddingDim).get(labels);
        NDArray cos = Sphere.normalize(own).matMul(Sphere.normalize(embeddings).expandDims(2)).squeeze(2); // N×K
        NDArray nearest = cos.argMax(1).stopGradient().reshape(-1, 1, 1).repeat(2, embeddingDim);        // N×1×d
        return own.gather(nearest, 1).squeeze(1);
    }

    /** Cosines to every sub-centre, N×C×K. */
    private NDArray subCenterCosines(ParameterStore store, NDArray embeddings, boolean training) {
        NDArray all = Sphere.cosineMatrix(embeddings, weightValue(store, embeddings, training));
        return all.reshape(embeddings.getShape().get(0), numClasses, subCenters);
    }

    /** Samples flagged by the dominant-sub-centre rule, with the evidence for each. */
    public record NoisySamples(
            /** indices (into the embeddings given) of the flagged samples, ascending */
            int[] indices,
            /** angle in degrees from every sample to its class's dominant sub-centre */
            double[] anglesToDominantDegrees,
            /** for each class, the index k of its dominant sub-centre */
            int[] dominantSubCenter,
            double thresholdDegrees) {}

    /**
     * Applies the sub-center ArcFace cleaning rule to a whole training set, in blocks of rows.
     *
     * @param embeddings       N×d embeddings of the training samples
     * @param labels           their N class labels
     * @param thresholdDegrees flag samples whose angle to their class's dominant sub-centre exceeds this (paper: 75°)
     */
    public NoisySamples findNoisySamples(ParameterStore store, NDArray embeddings, NDArray labels, double thresholdDegrees) {
        Inputs.requireMatrix("embeddings", embeddings, embeddingDim);
        Inputs.requireFiniteRows("embeddings", embeddings);
        int n = Math.toIntExact(embeddings.getShape().get(0));
        Inputs.requireLabels("labels", labels, n, numClasses);
        Inputs.requireInRange("thresholdDegrees", thresholdDegrees, 0, 180, "an angle in degrees");
        int[] y = labels.toType(DataType.INT32, false).toIntArray();

        // Pass 1: each sample's cosines to the K sub-centres of its own class (N×K, small), block by block.
        double[][] ownClass = new double[n][];
        int block = 4096;
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            try (NDManager scope = embeddings.getManager().newSubManager()) {
                NDArray rows = embeddings.get(start + ":" + end);
                rows.attach(scope);
                NDArray rowLabels = scope.create(java.util.Arrays.copyOfRange(y, start, end)).toType(DataType.INT64, false)
                        .reshape(-1, 1, 1).repeat(2, subCenters);
                NDArray cos = subCenterCosines(store, rows, false).gather(rowLabels, 1).squeeze(1);
                double[] flat = cos.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = start; i < end; i++) {
                    ownClass[i] = java.util.Arrays.copyOfRange(flat, (i - start) * subCenters, (i - start + 1) * subCenters);
                }
            }
        }
        // Pass 2 (plain Java): votes for the nearest sub-centre, then angles to the dominant one.
        int[][] votes = new int[numClasses][subCenters];
        for (int i = 0; i < n; i++) {
            votes[y[i]][argMax(ownClass[i])]++;
        }
        int[] dominant = new int[numClasses];
        for (int c = 0; c < numClasses; c++) {
            dominant[c] = argMax(votes[c]);
        }
        double[] angles = new double[n];
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double cos = Math.max(-1.0, Math.min(1.0, ownClass[i][dominant[y[i]]]));
            angles[i] = Math.toDegrees(Math.acos(cos));
            if (angles[i] > thresholdDegrees) {
                flagged.add(i);
            }
        }
        return new NoisySamples(flagged.stream().mapToInt(Integer::intValue).toArray(), angles, dominant, thresholdDegrees);
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argMax(int[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
