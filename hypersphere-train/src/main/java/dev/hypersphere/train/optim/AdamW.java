package dev.hypersphere.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter), as {@code torch.optim.AdamW}: decoupled decay {@code w ← w·(1 − lr·wd)}, then
 * {@code m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)}.
 */
public final class AdamW extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public AdamW(NDManager stateManager, double beta1, double beta2, double epsilon) {
        super(stateManager);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= beta1, beta2 < 1 and epsilon > 0, got " + beta1 + ", "
                    + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public AdamW(NDManager stateManager) {
        this(stateManager, 0.9, 0.999, 1e-8);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    protected void update(Map<String, NDArray> buffers, NDArray weight, NDArray grad, double lr, double weightDecay) {
        if (weightDecay != 0) {
            weight.muli(1 - lr * weightDecay);
        }
        NDArray m = buffer(buffers, "exp_avg", weight);
        NDArray v = buffer(buffers, "exp_avg_sq", weight);
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.square().mul(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        NDArray denominator = v.div(correction2).sqrt().add(epsilon);
        weight.subi(m.div(denominator).mul(lr / correction1));
    }
}
