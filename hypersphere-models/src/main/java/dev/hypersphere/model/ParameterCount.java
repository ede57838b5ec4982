package dev.hypersphere.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many numbers a block holds, counted as PyTorch counts them.
 *
 * @param parameters every parameter, frozen ones included: PyTorch's {@code sum(p.numel() for p in
 *     model.parameters())}
 * @param trainable the parameters that receive gradients
 * @param runningStatistics batch-norm running means and variances (buffers in PyTorch, parameters in DJL)
 */
public record ParameterCount(long parameters, long trainable, long runningStatistics) {

    /** Counts the parameters of an initialised block. */
    public static ParameterCount of(Block block) {
        long parameters = 0;
        long trainable = 0;
        long running = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            Shape shape = p.getShape();
            if (shape == null && p.isInitialized()) {
                shape = p.getArray().getShape();
            }
            if (shape == null) {
                throw new IllegalStateException("parameter " + pair.getKey() + " has no shape yet: initialize the block first");
            }
            long size = shape.size();
            if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                running += size;
            } else {
                parameters += size;
                if (p.requiresGradient()) {
                    trainable += size;
                }
            }
        }
        return new ParameterCount(parameters, trainable, running);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters);
        m.put("trainable", trainable);
        m.put("runningStatistics", runningStatistics);
        return m;
    }
}
