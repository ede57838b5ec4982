package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/** CosFace / AM-Softmax (Wang et al. 2018): additive cosine margin, target logit {@code s · (cos θ − m)}. */
public final class CosFaceHead extends MarginHead {

    public static final double DEFAULT_SCALE = 64.0;
    public static final double DEFAULT_MARGIN = 0.35;

    private final double s;
    private final double m;

    public CosFaceHead(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_SCALE, DEFAULT_MARGIN);
    }

    public CosFaceHead(int numClasses, int embeddingDim, double s, double m) {
        super(numClasses, embeddingDim, numClasses, false);
        this.s = Inputs.requirePositive("s", s);
        // The CosFace paper bounds the useful margin by (C-1)/C < 1.
        this.m = Inputs.requireInRange("m", m, 0.0, 1.0, "CosFace's cosine margin");
    }

    @Override
    public String name() {
        return "cosface";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", s);
        p.put("m", m);
        return p;
    }

    @Override
    protected NDArray marginTarget(Target target) {
        return target.cos().sub(m);
    }

    @Override
    protected NDArray scale(NDArray unscaledLogits, NDArray embeddings) {
        return unscaledLogits.mul(s);
    }
}
