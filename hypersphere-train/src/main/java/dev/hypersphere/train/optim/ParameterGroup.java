package dev.hypersphere.train.optim;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Parameters that share optimiser settings: e.g. the backbone, and the head with its own learning-rate multiplier
 * and weight decay (insightface trains the head's W with the backbone's settings; many recipes do not).
 *
 * @param name         shown in logs and used as the checkpoint key prefix
 * @param lrMultiplier the group's learning rate is the schedule's rate times this
 * @param weightDecay  L2 (SGD) or decoupled (AdamW) weight decay for this group
 */
public record ParameterGroup(String name, List<Parameter> parameters, double lrMultiplier, double weightDecay) {

    public ParameterGroup {
        parameters = List.copyOf(parameters);
        if (!(lrMultiplier >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("group " + name + ": lr multiplier and weight decay must be >= 0, got "
                    + lrMultiplier + " and " + weightDecay);
        }
    }

    /** The key under which a parameter's optimiser state is saved: stable across runs of the same model. */
    public String key(Parameter parameter) {
        return name + "/" + parameter.getName() + "#" + parameters.indexOf(parameter);
    }
}
