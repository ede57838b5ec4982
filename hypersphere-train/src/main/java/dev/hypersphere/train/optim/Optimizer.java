package dev.hypersphere.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimiser whose whole state (step count and per-parameter buffers) is explicit, so that a checkpoint can
 * save it and a resumed run continues exactly (DJL's optimisers keep their state private). Updates are written
 * in place into the parameter arrays, in PyTorch's formulation of each method.
 */
public abstract class Optimizer {

    /** Per-parameter state buffers, by {@link ParameterGroup#key}; each entry holds named arrays (e.g. "momentum"). */
    protected final Map<String, Map<String, NDArray>> state = new LinkedHashMap<>();
    protected long steps;
    private final NDManager stateManager;

    protected Optimizer(NDManager stateManager) {
        this.stateManager = stateManager;
    }

    /** The method's name as configs spell it. */
    public abstract String name();

    /**
     * Applies one update to every parameter of every group from its gradient.
     *
     * @param learningRate the schedule's rate for this step (each group scales it by its multiplier)
     */
    public final void step(List<ParameterGroup> groups, double learningRate) {
        steps++;
        for (ParameterGroup group : groups) {
            double lr = learningRate * group.lrMultiplier();
            for (Parameter parameter : group.parameters()) {
                if (!parameter.requiresGradient()) {
                    continue;
                }
                NDArray weight = parameter.getArray();
                NDArray grad = weight.getGradient();
                update(state.computeIfAbsent(group.key(parameter), k -> new LinkedHashMap<>()), weight, grad, lr,
                        group.weightDecay());
            }
        }
    }

    /** One parameter's update; {@code buffers} is its state, filled on first use through {@link #buffer}. */
    protected abstract void update(Map<String, NDArray> buffers, NDArray weight, NDArray grad, double lr, double weightDecay);

    /**
     * The named buffer of a parameter's state, created as zeros like {@code weight} on first use. Results of ops
     * join their first operand's manager, so for the duration of the step the buffer is lent to the manager the
     * weight is in (the training step's scope): temporaries such as {@code v·lr} are then freed with the step.
     */
    protected NDArray buffer(Map<String, NDArray> buffers, String name, NDArray weight) {
        NDArray buffer = buffers.computeIfAbsent(name, n -> stateManager.zeros(weight.getShape(), weight.getDataType()));
        if (buffer.getManager() != weight.getManager() && weight.getManager() != stateManager) {
            buffer.tempAttach(weight.getManager());
        }
        return buffer;
    }

    public long steps() {
        return steps;
    }

    /** The state to checkpoint: "key/buffer" → array (the arrays themselves; save them before the next step). */
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> flat = new LinkedHashMap<>();
        state.forEach((key, buffers) -> buffers.forEach((name, array) -> flat.put(key + "/" + name, array)));
        return flat;
    }

    /** Restores state saved by {@link #stateArrays} (arrays are copied into this optimiser's manager). */
    public void restore(long steps, Map<String, NDArray> arrays) {
        this.steps = steps;
        state.clear();
        arrays.forEach((flatKey, array) -> {
            int cut = flatKey.lastIndexOf('/');
            NDArray copy = array.duplicate();
            copy.attach(stateManager);
            state.computeIfAbsent(flatKey.substring(0, cut), k -> new LinkedHashMap<>()).put(flatKey.substring(cut + 1), copy);
        });
    }
}
