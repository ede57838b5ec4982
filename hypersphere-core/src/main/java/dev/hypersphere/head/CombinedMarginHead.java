package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ArcFace paper's combined margin: target logit {@code s · (cos(m1·θ + m2) − m3)}, SphereFace's
 * multiplicative, ArcFace's additive-angular and CosFace's additive-cosine margins at once.
 *
 * <p>All three margins always apply. (insightface's {@code CombinedMarginLoss} takes its {@code m3 > 0} branch
 * as {@code cos θ − m3} and silently drops m1 and m2; this head does not.) As in insightface's original MXNet
 * implementation there is no fallback where {@code m1·θ + m2} passes π.
 */
public final class CombinedMarginHead extends MarginHead {

    public static final double DEFAULT_SCALE = 64.0;
    /** The combination the ArcFace paper reports (its Table on combined margins: m1 = 1, m2 = 0.3, m3 = 0.2). */
    public static final double DEFAULT_M1 = 1.0;
    public static final double DEFAULT_M2 = 0.3;
    public static final double DEFAULT_M3 = 0.2;

    private final double s;
    private final double m1;
    private final double m2;
    private final double m3;

    public CombinedMarginHead(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_SCALE, DEFAULT_M1, DEFAULT_M2, DEFAULT_M3);
    }

    public CombinedMarginHead(int numClasses, int embeddingDim, double s, double m1, double m2, double m3) {
        super(numClasses, embeddingDim, numClasses, false);
        this.s = Inputs.requirePositive("s", s);
        this.m1 = Inputs.requireInRange("m1", m1, 0.1, 4.0, "multiplicative angular margin");
        this.m2 = Inputs.requireAngularMargin("m2", m2);
        this.m3 = Inputs.requireInRange("m3", m3, 0.0, 1.0, "additive cosine margin");
    }

    @Override
    public String name() {
        return "combined";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", s);
        p.put("m1", m1);
        p.put("m2", m2);
        p.put("m3", m3);
        return p;
    }

    @Override
    protected NDArray marginTarget(Target target) {
        return target.theta().mul(m1).add(m2).cos().sub(m3);
    }

    @Override
    protected NDArray scale(NDArray unscaledLogits, NDArray embeddings) {
        return unscaledLogits.mul(s);
    }
}
