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
     * The size whose numbers are reported: all 50,000 training images, batches of 256 (512 views), 300 steps per
     * encoder (about 1.5 epochs), probe trained on 10,000 and scored on the whole 10,000-image test set. From the
     * measured cost of a step (1.5 CPU-seconds for 512 views through smallnet, so about 0.75 s on two free cores)
     * and of an evaluation (about 25 s): 9 × 300 × 0.75 s + 10 × 25 s + data ≈ 38 minutes, inside the 45 allowed.
     */
    static Plan full() {
        return new Plan(50_000, 10_000, 10_000, 256, 300, 2e-3, 0.2);
    }

    long warmupSteps() {
        return Math.max(1, steps / 20);
    }
}
