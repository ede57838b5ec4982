package dev.hypersphere.train.checkpoint;

/**
 * Where a run stands: the number of updates done, and the data position of the next batch. Together with the
 * run's seed this fixes every random choice still to come (shuffles and augmentations are seeded by
 * (seed, epoch, sample), the learning rate is a function of the step), so it is all a resume needs besides
 * the weights and the optimiser state.
 */
public record TrainingPosition(long step, int epoch, int batchInEpoch) {

    public TrainingPosition {
        if (step < 0 || epoch < 0 || batchInEpoch < 0) {
            throw new IllegalArgumentException("position must not be negative, got step " + step + ", epoch " + epoch
                    + ", batch " + batchInEpoch);
        }
    }

    public static TrainingPosition start() {
        return new TrainingPosition(0, 0, 0);
    }
}
