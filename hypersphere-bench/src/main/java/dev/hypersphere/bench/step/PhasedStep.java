package dev.hypersphere.bench.step;

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
import dev.hypersphere.train.TrainingStep;
import dev.hypersphere.train.optim.GradientClipping;
import dev.hypersphere.train.optim.Optimizer;
import dev.hypersphere.train.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of {@link TrainingStep#run} (without center loss) in the same order, with a clock read between
 * phases: input copy, backbone forward, head (logits + cross-entropy), backward, read-back (loss and accuracy to
 * Java), optimiser (gradient norm and clipping, update, zeroing the gradients). PyTorch's CPU ops run
 * synchronously, so the marks are exact. Used only to see where a step's time goes; the headline figure is
 * {@link TrainingStep} itself.
 */
final class PhasedStep {

    static final List<String> PHASES = List.of("input", "forward", "head", "backward", "readback", "optimizer");

    private final NDManager root;
    private final Block backbone;
    private final Head head;
    private final Optimizer optimizer;
    private final List<ParameterGroup> groups;
    private final List<Parameter> trainable = new ArrayList<>();
    private final List<Parameter> all = new ArrayList<>();
    private final double clipNorm;
    private final ParameterStore store;

    PhasedStep(NDManager root, Block backbone, Head head, Optimizer optimizer, List<ParameterGroup> groups, double clipNorm) {
        this.root = root;
        this.backbone = backbone;
        this.head = head;
        this.optimizer = optimizer;
        this.groups = groups;
        this.clipNorm = clipNorm;
        this.store = new ParameterStore(root, false);
        for (ParameterGroup group : groups) {
            for (Parameter p : group.parameters()) {
                if (p.requiresGradient()) {
                    trainable.add(p);
                }
            }
        }
        backbone.getParameters().values().forEach(all::add);
        head.getParameters().values().forEach(all::add);
    }

    Map<String, Double> run(Batch batch, double learningRate) {
        long[] t = new long[PHASES.size() + 1];
        try (NDManager step = root.newSubManager()) {
            for (Parameter p : all) {
                p.getArray().tempAttach(step);
            }
            t[0] = System.nanoTime();
            NDArray x = step.create(batch.data(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
            NDArray y = step.create(batch.labels());
            t[1] = System.nanoTime();
            NDArray logits;
            NDArray loss;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray embeddings = backbone.forward(store, new NDList(x), true).singletonOrThrow();
                t[2] = System.nanoTime();
                logits = head.logits(store, embeddings, y, true);
                loss = Head.crossEntropy(logits, y);
                t[3] = System.nanoTime();
                collector.backward(loss);
                t[4] = System.nanoTime();
            }
            double lossValue = loss.toType(DataType.FLOAT64, false).getDouble();
            double accuracy = logits.argMax(1).eq(y).toType(DataType.FLOAT64, false).mean().getDouble();
            t[5] = System.nanoTime();
            double norm = GradientClipping.clipByGlobalNorm(trainable, clipNorm);
            if (Double.isFinite(norm) && Double.isFinite(lossValue)) {
                optimizer.step(groups, learningRate);
            }
            for (Parameter p : trainable) {
                NDArray grad = p.getArray().getGradient();
                grad.subi(grad);
            }
            t[6] = System.nanoTime();
            if (!Double.isFinite(lossValue + accuracy)) {
                throw new IllegalStateException("loss is not finite in a timing step");
            }
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.size(); i++) {
            seconds.put(PHASES.get(i), (t[i + 1] - t[i]) / 1e9);
        }
        return seconds;
    }
}
