package dev.hypersphere.train.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.train.optim.AdamW;
import dev.hypersphere.train.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contrastive update on an easy generated problem: 64 random "images" (1×6×6), each view its image plus
 * independent noise; a linear encoder can align the views and spread the images, so both objectives must fall.
 */
class ContrastiveStepTest {

    private static final int IMAGES = 64;
    private static final int BATCH = 16;
    private static final int SIDE = 6;

    private static float[][] images(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] images = new float[IMAGES][SIDE * SIDE];
        for (float[] image : images) {
            for (int k = 0; k < image.length; k++) {
                image[k] = (float) gaussian(random);
            }
        }
        return images;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Batch {@code step}: images in a fixed rotation, each view with fresh noise of std 0.6. */
    private static TwoViews batch(float[][] images, long step) {
        SplittableRandom random = new SplittableRandom(1000 + step);
        int length = SIDE * SIDE;
        float[] a = new float[BATCH * length];
        float[] b = new float[BATCH * length];
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            int image = (int) ((step * BATCH + i) % IMAGES);
            labels[i] = image;
            for (int k = 0; k < length; k++) {
                a[i * length + k] = images[image][k] + (float) (0.6 * gaussian(random));
                b[i * length + k] = images[image][k] + (float) (0.6 * gaussian(random));
            }
        }
        return new TwoViews(a, b, labels, 1, SIDE, SIDE);
    }

    private static SequentialBlock encoder(NDManager manager) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(8).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));
        return block;
    }

    private static List<Parameter> parameters(SequentialBlock block) {
        List<Parameter> list = new ArrayList<>();
        block.getParameters().values().forEach(list::add);
        return list;
    }

    private static double[] losses(ContrastiveObjective objective, int steps) {
        HypersphereEngine.start();
        try (NDManager manager = HypersphereEngine.newManager()) {
            manager.getEngine().setRandomSeed(7);
            SequentialBlock encoder = encoder(manager);
            List<ParameterGroup> groups = List.of(new ParameterGroup("encoder", parameters(encoder), 1.0, 0.0));
            ContrastiveStep step = new ContrastiveStep(manager, encoder, objective, new AdamW(manager), groups, 0);
            float[][] images = images(3);
            double[] losses = new double[steps];
            for (int s = 0; s < steps; s++) {
                ContrastiveStep.Result result = step.run(batch(images, s), 0.02);
                assertTrue(result.applied(), "step " + s + " applied");
                losses[s] = result.loss();
            }
            return losses;
        }
    }

    private static double mean(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }

    @Test
    void infoNceFallsOnAnEasyProblem() {
        double[] losses = losses(ContrastiveObjective.infoNce(0.2), 80);
        double first = mean(losses, 0, 8);
        double last = mean(losses, 72, 80);
        assertTrue(last < 0.6 * first, "InfoNCE from " + first + " to " + last);
    }

    @Test
    void alignmentPlusUniformityFallsOnAnEasyProblem() {
        double[] losses = losses(ContrastiveObjective.alignUniform(1, 2, 2), 80);
        double first = mean(losses, 0, 8);
        double last = mean(losses, 72, 80);
        // The loss can be negative (uniformity ≤ 0): compare the drop with its initial spread from zero.
        assertTrue(first - last > 0.3, "align+unif from " + first + " to " + last);
    }

    @Test
    void aStepWithNonFiniteInputIsSkippedAndTheNextStepStillLearns() {
        HypersphereEngine.start();
        try (NDManager manager = HypersphereEngine.newManager()) {
            manager.getEngine().setRandomSeed(7);
            SequentialBlock encoder = encoder(manager);
            List<ParameterGroup> groups = List.of(new ParameterGroup("encoder", parameters(encoder), 1.0, 0.0));
            ContrastiveStep step = new ContrastiveStep(manager, encoder, ContrastiveObjective.infoNce(0.5),
                    new AdamW(manager), groups, 0);
            float[][] images = images(5);
            TwoViews poisoned = batch(images, 0);
            poisoned.first()[3] = Float.NaN;
            float[] before = parameters(encoder).get(0).getArray().toFloatArray();
            ContrastiveStep.Result skipped = step.run(poisoned, 0.02);
            assertFalse(skipped.applied());
            assertArrayEquals(before, parameters(encoder).get(0).getArray().toFloatArray(), "weights untouched");
            // Gradients accumulate in PyTorch: had the NaN gradient been kept, every later step would be skipped too.
            ContrastiveStep.Result next = step.run(batch(images, 1), 0.02);
            assertTrue(next.applied(), "the step after a skipped one is applied");
            assertTrue(Double.isFinite(next.gradientNorm()));
            float[] after = parameters(encoder).get(0).getArray().toFloatArray();
            assertFalse(Arrays.equals(before, after), "weights moved");
            for (float v : after) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void alignUniformIsAlignmentPlusLambdaTimesTheViewsMeanUniformity() {
        HypersphereEngine.start();
        double[][] x = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double s = Math.sqrt(0.5);
        double[][] y = {{s, s, 0}, {0, 1, 0}, {0, -s, s}};
        // Worked by hand: ‖x_i − y_i‖² = 2 − 2 x_i·y_i = (2 − 2s, 0, 2 − 2s); align = (4 − 4s)/3.
        double align = (4 - 4 * s) / 3;
        // x: three orthogonal unit vectors, every pair at squared distance 2: unif(x) = −2·2 = −4.
        double unifX = -4;
        // y: pair (0,1) has dot s → d² = 2 − 2s; (1,2) dot −s → 2 + 2s; (0,2) dot −½ → 3.
        double unifY = Math.log((Math.exp(-2 * (2 - 2 * s)) + Math.exp(-2 * (2 + 2 * s)) + Math.exp(-6)) / 3);
        try (NDManager manager = HypersphereEngine.newManager()) {
            var xa = manager.create(x);
            var ya = manager.create(y);
            double lambda = 4;
            double got = ContrastiveObjective.alignUniform(lambda, 2, 2).loss(xa, ya).getDouble();
            assertEquals(align + lambda * (unifX + unifY) / 2, got, 1e-12);
            assertEquals(align, ContrastiveObjective.alignUniform(0, 2, 2).loss(xa, ya).getDouble(), 1e-12);
        }
    }
}
