package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/** NormFace (Wang et al. 2017): normalised W and x, logits {@code s · cos θ}, no margin. */
public final class NormFaceHead extends MarginHead {

    public static final double DEFAULT_SCALE = 64.0;

    private final double s;

    public NormFaceHead(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_SCALE);
    }

    public NormFaceHead(int numClasses, int embeddingDim, double s) {
        super(numClasses, embeddingDim, numClasses, false);
        this.s = Inputs.requirePositive("s", s);
    }

    @Override
    public String name() {
        return "normface";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", s);
        return p;
    }

    @Override
    protected NDArray marginTarget(Target target) {
        return target.cos();
    }

    @Override
    protected NDArray scale(NDArray unscaledLogits, NDArray embeddings) {
        return unscaledLogits.mul(s);
    }
}
