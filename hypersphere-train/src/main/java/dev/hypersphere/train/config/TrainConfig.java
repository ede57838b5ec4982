package dev.hypersphere.train.config;

import java.util.List;
import java.util.Map;

/**
 * A training run's settings as resolved from defaults, a preset, a YAML file and command-line overrides
 * ({@link ConfigLoader}); its YAML form is the run folder's {@code config.yaml}. Keys are spelled in kebab-case
 * ({@code data.images-per-identity}); {@code defaults.yaml} beside this class documents each one.
 */
public record TrainConfig(Data data, Model model, Head head, CenterLoss centerLoss, Optimizer optimizer,
                          Schedule schedule, Train train, Validation validation) {

    /** Where samples come from and how they are prepared. */
    public record Data(String source, String path, String prefix, String testPath, String testPrefix, int channels,
                       int height, int width,
                       int identities, int imagesPerIdentity, long seed, String split, double testFraction, double flip,
                       double cropScaleMin, double jitter, int loaderThreads, String onBadImage,
                       int folds, int fold, double labelNoise) {}

    /** The backbone. */
    public record Model(String backbone, int embeddingDim) {}

    /** The classification head and its parameters (as text, see {@code Heads.create}). */
    public record Head(String name, Map<String, String> params) {}

    /** Center loss as a regulariser (weight 0 = off). */
    public record CenterLoss(double weight, double alpha) {}

    /** The optimiser; the head's parameters form a group of their own. */
    public record Optimizer(String name, double lr, double momentum, double weightDecay, double headLrMultiplier,
                            double headWeightDecay, double clipGradNorm) {}

    /** Learning-rate warm-up and decay. */
    public record Schedule(long warmupSteps, String decay, List<Long> milestones, double gamma, double power) {}

    /** Length, batch, seed and cadence. */
    public record Train(int batchSize, long steps, long seed, int threads, int logEvery, int validateEvery,
                        int checkpointEvery, int keepCheckpoints) {}

    /** How the run is validated while it trains. */
    public record Validation(String mode, int pairs, int folds) {}
}
