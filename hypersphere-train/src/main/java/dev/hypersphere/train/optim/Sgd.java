package dev.hypersphere.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, as {@code torch.optim.SGD}:
 * {@code g ← g + wd·w;  v ← μ·v + g (v = g on the first step);  w ← w − lr·v}.
 */
public final class Sgd extends Optimizer {

    private final double momentum;

    public Sgd(NDManager stateManager, double momentum) {
        super(stateManager);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(Map<String, NDArray> buffers, NDArray weight, NDArray grad, double lr, double weightDecay) {
        NDArray g = weightDecay == 0 ? grad.duplicate() : grad.add(weight.mul(weightDecay));
        if (momentum > 0) {
            boolean first = !buffers.containsKey("momentum");
            NDArray v = buffer(buffers, "momentum", weight);
            if (first) {
                v.addi(g);
            } else {
                v.muli(momentum).addi(g);
            }
            weight.subi(v.mul(lr));
        } else {
            weight.subi(g.mul(lr));
        }
    }
}
