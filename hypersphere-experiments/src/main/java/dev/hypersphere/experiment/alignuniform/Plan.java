package dev.hypersphere.experiment.alignuniform;

/**
 * How big the experiment is.
 *
 * @param trainImages      CIFAR-10 training images the encoders learn from (a seeded subset, or all 50,000)
 * @param probeTrainImages of those, the ones whose frozen features train the linear probe
 * @param testImages       CIFAR-10 test images for alignment, uniformity and probe accuracy
 * @param batchSize        images per contrastive batch (each seen in two views: 2× that through the encoder)
 * @param steps            updates per encoder
 * @param learningRate     AdamW's peak rate (linear warm-up over the first 5 % of steps, then cosine decay)
 * @param cropScaleMin     smallest area fraction of a random resized crop
 */
record Plan(int trainImages, int probeTrainImages, int testImages, int batchSize, int steps, double learningRate,
            double cropScaleMin) {

    /** The test suite's size: every encoder, ~30 steps on 2,000 images, measured on 1,000 test images. */
    static Plan quick() {
        return new Plan(2_000, 2_000, 1_000, 128, 30, 2e-3, 0.2);
    }

    /**
     * The size whose numbers are reported: all 50,000 training images, batches of 128 (256 views), 240 steps per
     * encoder, probe trained on 5,000 of them and scored on a seeded half (5,000) of the test set. From the step
     * time measured on this shared 2-core machine (load ~10, one engine thread: 1.1 s per step, 0.37 CPU-seconds;
     * two threads cost three times the CPU there) and ~30 s per evaluation: 9 × 240 × 1.1 s + 10 × 30 s + data
     * ≈ 45 minutes. On an idle machine it takes about a third of that.
     */
    static Plan full() {
        return new Plan(50_000, 5_000, 5_000, 128, 240, 2e-3, 0.2);
    }

    long warmupSteps() {
        return Math.max(1, steps / 20);
    }
}
