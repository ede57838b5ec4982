package dev.hypersphere.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hypersphere.data.Batch;
import dev.hypersphere.head.Head;
import dev.hypersphere.loss.CenterLoss;
import dev.hypersphere.train.optim.GuardedUpdate;
import dev.hypersphere.train.optim.Optimizer;
import dev.hypersphere.train.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * One update: forward through backbone and head (plus center loss), backward, clip, check, optimise.
 *
 * <p>Native memory stays flat because everything a step creates lives in a sub-manager closed at its end. Results
 * of an op join the manager of its first operand, and many ops start from a parameter (W·x, BatchNorm, the
 * optimiser's updates), so the parameters are lent to the step's manager for its duration
 * ({@code tempAttach}) and go back to theirs when it closes.
 *
 * <p>A step whose gradient norm is not finite is not applied (its gradients are dropped and it is counted); a loss
 * that is not finite is reported to the caller, which stops the run.
 */
public final class TrainingStep {


    /** What one step measured. */
    public record Result(double loss, double accuracy, double gradientNorm, boolean applied) {}

    private final NDManager root;
    private final Block backbone;
    private final Head head;
    private final CenterLoss centerLoss;
    private final double centerWeight;
    private final GuardedUpdate guardedUpdate;
    private final List<Parameter> all = new ArrayList<>();
    private final ParameterStore store;

    /**
     * @param centerLoss   may be null; else added to the loss with weight {@code centerWeight}
     * @param clipNorm     clip the global gradient norm to this; 0 or less for no clipping
     */
    public TrainingStep(NDManager root, Block backbone, Head head, CenterLoss centerLoss, double centerWeight,
                        Optimizer optimizer, List<ParameterGroup> groups, double clipNorm) {
        this.root = root;
        this.backbone = backbone;
        this.head = head;
        this.centerLoss = centerLoss;
        this.centerWeight = centerWeight;
        this.store = new ParameterStore(root, false);
        this.guardedUpdate = new GuardedUpdate(optimizer, groups, clipNorm);
        backbone.getParameters().values().forEach(all::add);
        head.getParameters().values().forEach(all::add);
        if (centerLoss != null) {
            centerLoss.getParameters().values().forEach(all::add);
        }
    }

    public Result run(Batch batch, double learningRate) {
        try (NDManager step = root.newSubManager()) {
            for (Parameter p : all) {
                p.getArray().tempAttach(step);
            }
            // create() copies the batch into native memory: no tensor aliases a Java buffer.
            NDArray x = step.create(batch.data(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
            NDArray y = step.create(batch.labels());
            NDArray loss;
            NDArray embeddings;
            NDArray logits;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                embeddings = backbone.forward(store, new NDList(x), true).singletonOrThrow();
                logits = head.logits(store, embeddings, y, true);
                loss = Head.crossEntropy(logits, y);
                if (centerLoss != null && centerWeight > 0) {
                    loss = loss.add(centerLoss.loss(store, embeddings, y).mul(centerWeight));
                }
                collector.backward(loss);
            }
            double lossValue = loss.toType(DataType.FLOAT64, false).getDouble();
            double accuracy = logits.argMax(1).eq(y).toType(DataType.FLOAT64, false).mean().getDouble();
            GuardedUpdate.Outcome update = guardedUpdate.apply(lossValue, learningRate);
            if (update.applied() && centerLoss != null) {
                // The centres move by the paper's rule, not by their gradient (which the update has just cleared).
                centerLoss.updateCentres(store, embeddings.stopGradient(), y);
            }
            return new Result(lossValue, accuracy, update.gradNorm(), update.applied());
        }
    }
}
