package dev.hypersphere.experiment.alignuniform;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.metric.AlignmentUniformity;
import dev.hypersphere.metric.EmbeddingRows;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.Backbones;
import dev.hypersphere.train.contrastive.ContrastiveStep;
import dev.hypersphere.train.contrastive.TwoViewSampler;
import dev.hypersphere.train.contrastive.TwoViews;
import dev.hypersphere.train.contrastive.ViewAugmentation;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.optim.AdamW;
import dev.hypersphere.train.optim.ParameterGroup;
import dev.hypersphere.train.schedule.LearningRateSchedule;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains one encoder contrastively and measures it: alignment over positive pairs (two augmentations of each test
 * image), uniformity over the clean test images, and the accuracy of a linear probe on its frozen features.
 */
final class EncoderRun {

    static final int DIM = 128;
    static final String BACKBONE = "smallnet";
    /** Images per forward pass when embedding for evaluation. */
    private static final int EVAL_CHUNK = 500;
    /** The draw of the test images' positive pairs: the same views for every encoder. */
    private static final long EVAL_DRAW = -7;

    /** What one encoder gave. */
    record Result(EncoderRecipe recipe, double alignment, double uniformity, double probeTrainAccuracy,
                  double probeAccuracy, double trainSeconds, double evalSeconds, int steps, long skippedSteps,
                  double firstLoss, double lastLoss, List<double[]> lossCurve) {}

    /** The images an experiment shares between its encoders. */
    record Data(DecodedImages train, DecodedImages probeTrain, DecodedImages test, int classes) {}

    private EncoderRun() {}

    static Result run(EncoderRecipe recipe, Data data, Plan plan, long seed, PrintStream console, String tag) {
        try (NDManager manager = HypersphereEngine.newManager()) {
            // Same initial weights and the same batches for every encoder: only the objective differs.
            manager.getEngine().setRandomSeed((int) seed);
            BackboneSpec spec = new BackboneSpec(BACKBONE, DIM, 3, 32, 32);
            Backbone encoder = Backbones.create(spec);
            encoder.initialize(manager, DataType.FLOAT32);

            long started = System.nanoTime();
            List<double[]> curve = new ArrayList<>();
            long skipped = 0;
            double first = Double.NaN;
            double last = Double.NaN;
            int steps = 0;
            if (recipe.trained()) {
                ContrastiveStep step = new ContrastiveStep(manager, encoder, recipe.objective(), new AdamW(manager),
                        List.of(new ParameterGroup("encoder", encoder.trainableParameters(), 1.0, 1e-4)), 0);
                LearningRateSchedule schedule = new LearningRateSchedule(plan.learningRate(), plan.warmupSteps(),
                        plan.steps(), LearningRateSchedule.Decay.COSINE, List.of(), 0.1, 1);
                TwoViewSampler sampler = new TwoViewSampler(data.train(), ViewAugmentation.cifar(32, plan.cropScaleMin()),
                        plan.batchSize(), seed);
                int every = Math.max(1, plan.steps() / 10);
                double windowLoss = 0;
                int windowCount = 0;
                long windowStart = System.nanoTime();
                int lastReport = 0;
                for (int s = 0; s < plan.steps(); s++) {
                    TwoViews views = sampler.batch(s);
                    ContrastiveStep.Result r = step.run(views, schedule.at(s));
                    if (!r.applied()) {
                        // Not applied (non-finite loss or gradient): the weights are as before; too many means divergence.
                        skipped++;
                        if (skipped > Math.max(3, plan.steps() / 10)) {
                            throw new IllegalStateException(String.format(Locale.ROOT,
                                    "%s: %d of %d steps had a non-finite loss or gradient (last loss %s): the learning "
                                            + "rate %.3g is too high for this objective", recipe.name(), skipped, s + 1,
                                    r.loss(), schedule.at(s)));
                        }
                    } else {
                        if (Double.isNaN(first)) {
                            first = r.loss();
                        }
                        last = r.loss();
                        windowLoss += r.loss();
                        windowCount++;
                    }
                    if ((s + 1) % every == 0 || s + 1 == plan.steps()) {
                        double mean = windowCount > 0 ? windowLoss / windowCount : Double.NaN;
                        curve.add(new double[] {s + 1, mean});
                        double secondsPerStep = (System.nanoTime() - windowStart) / 1e9 / (s + 1 - lastReport);
                        lastReport = s + 1;
                        console.printf(Locale.ROOT, "%s %s step %d/%d  loss %.4f  %.2f s/step%n", tag, recipe.name(), s + 1,
                                plan.steps(), mean, secondsPerStep);
                        windowLoss = 0;
                        windowCount = 0;
                        windowStart = System.nanoTime();
                    }
                    steps++;
                }
            }
            double trainSeconds = (System.nanoTime() - started) / 1e9;

            long evalStarted = System.nanoTime();
            Embedder embedder = new Embedder(encoder, DIM, Preprocessing.plain(3, 32, 32), manager);
            float[] test = embedClean(embedder, data.test());
            TwoViewSampler testViews = new TwoViewSampler(data.test(), ViewAugmentation.cifar(32, plan.cropScaleMin()),
                    2, seed);
            float[][] pairs = embedPairs(embedder, testViews, data.test().size());
            double alignment = AlignmentUniformity.alignment(EmbeddingRows.of(pairs[0], DIM), EmbeddingRows.of(pairs[1], DIM), 2);
            double uniformity = AlignmentUniformity.uniformity(EmbeddingRows.of(test, DIM), 2);
            float[] probeTrain = embedClean(embedder, data.probeTrain());
            LinearProbe.Result probe = LinearProbe.evaluate(probeTrain, data.probeTrain().labels(), test,
                    data.test().labels(), DIM, data.classes(), LinearProbe.Settings.standard(), seed);
            double evalSeconds = (System.nanoTime() - evalStarted) / 1e9;
            console.printf(Locale.ROOT, "%s %s  alignment %.4f  uniformity %.4f  probe accuracy %.4f  (train %.0f s, eval %.0f s)%n",
                    tag, recipe.name(), alignment, uniformity, probe.testAccuracy(), trainSeconds, evalSeconds);
            return new Result(recipe, alignment, uniformity, probe.trainAccuracy(), probe.testAccuracy(), trainSeconds,
                    evalSeconds, steps, skipped, first, last, curve);
        }
    }

    /** Unit embeddings of every image, un-augmented (only normalised), in order: n × DIM. */
    static float[] embedClean(Embedder embedder, DecodedImages images) {
        TwoViewSampler clean = new TwoViewSampler(images, ViewAugmentation.cifarClean(), 2, 0);
        float[] out = new float[images.size() * DIM];
        for (int start = 0; start < images.size(); start += EVAL_CHUNK) {
            int[] indices = range(start, Math.min(images.size(), start + EVAL_CHUNK));
            TwoViews views = clean.views(indices, 0);
            copyRows(embedder.embedPreprocessed(views.first(), indices.length, null, 0), out, start);
        }
        return out;
    }

    /** Unit embeddings of two augmentations of every image: the positive pairs alignment is measured on. */
    static float[][] embedPairs(Embedder embedder, TwoViewSampler sampler, int n) {
        float[] a = new float[n * DIM];
        float[] b = new float[n * DIM];
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int[] indices = range(start, Math.min(n, start + EVAL_CHUNK));
            TwoViews views = sampler.views(indices, EVAL_DRAW);
            copyRows(embedder.embedPreprocessed(views.first(), indices.length, null, 0), a, start);
            copyRows(embedder.embedPreprocessed(views.second(), indices.length, null, 0), b, start);
        }
        return new float[][] {a, b};
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static void copyRows(float[][] rows, float[] out, int firstRow) {
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, (firstRow + i) * DIM, DIM);
        }
    }
}
