package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ArcFace (Deng et al. 2019): additive angular margin, target logit {@code s · cos(θ + m)}.
 *
 * <p>{@code cos(θ + m)} stops decreasing once θ + m passes π, so a sample far from its class would be pushed the
 * wrong way. The three {@link Mode}s differ only in what happens there and in the gradient:
 * <ul>
 *   <li>{@link Mode#CLASSIC} (default; insightface before December 2022, pytorch-metric-learning): when
 *       {@code cos θ ≤ cos(π − m)} the target is {@code cos θ − m·sin(π − m)} instead, a CosFace-like margin that
 *       keeps the logit monotonic and continuous at θ = π − m. The gradient flows through whichever branch is taken.
 *   <li>{@link Mode#EASY_MARGIN}: the margin is applied only where {@code cos θ > 0} (θ &lt; 90°); elsewhere the
 *       target is plain {@code cos θ}.
 *   <li>{@link Mode#DETACHED} (insightface since December 2022, OpenSphere): the forward value is
 *       {@code cos(θ + m)} everywhere, with no fallback, but the margin carries no gradient: the backward pass
 *       treats the target logit as {@code s · cos θ} (see {@link MarginHead}). Because the margin is never
 *       differentiated, the non-monotonic region does no harm to the gradient's direction.
 * </ul>
 */
public class ArcFaceHead extends MarginHead {

    public static final double DEFAULT_SCALE = 64.0;
    public static final double DEFAULT_MARGIN = 0.5;

    /** How the margin behaves where θ + m would pass π, and whether it is differentiated. */
    public enum Mode {
        CLASSIC, EASY_MARGIN, DETACHED;

        /** The mode as configs spell it: {@code classic}, {@code easy-margin}, {@code detached}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.label().equalsIgnoreCase(text.trim()) || mode.name().equalsIgnoreCase(text.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be one of classic, easy-margin, detached; got '" + text + "'");
        }
    }

    private final double s;
    private final double m;
    private final Mode mode;

    public ArcFaceHead(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_SCALE, DEFAULT_MARGIN, Mode.CLASSIC);
    }

    public ArcFaceHead(int numClasses, int embeddingDim, double s, double m, Mode mode) {
        this(numClasses, embeddingDim, numClasses, s, m, mode);
    }

    protected ArcFaceHead(int numClasses, int embeddingDim, int weightRows, double s, double m, Mode mode) {
        super(numClasses, embeddingDim, weightRows, mode == Mode.DETACHED);
        this.s = Inputs.requirePositive("s", s);
        // The fallback threshold cos(π − m) and the margin's meaning both assume m < π/2.
        this.m = Inputs.requireAngularMargin("m", m);
        this.mode = mode;
    }

    @Override
    public String name() {
        return "arcface";
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", s);
        p.put("m", m);
        p.put("mode", mode.label());
        return p;
    }

    @Override
    protected NDArray marginTarget(Target target) {
        NDArray cosTarget = target.cos();
        NDArray withMargin = target.theta().add(m).cos();
        return switch (mode) {
            case DETACHED -> withMargin;
            case EASY_MARGIN -> NDArrays.where(cosTarget.gt(0.0), withMargin, cosTarget);
            case CLASSIC -> NDArrays.where(cosTarget.gt(Math.cos(Math.PI - m)), withMargin,
                    cosTarget.sub(m * Math.sin(Math.PI - m)));
        };
    }

    @Override
    protected NDArray scale(NDArray unscaledLogits, NDArray embeddings) {
        return unscaledLogits.mul(s);
    }
}
