package dev.hypersphere.head;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.hypersphere.geometry.Sphere;
import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SphereFace's A-Softmax (Liu et al. 2017): multiplicative angular margin m ∈ {1, 2, 3, 4}.
 *
 * <p>The target's angle θ is replaced by {@code ψ(θ) = (−1)^k cos(mθ) − 2k}, {@code k = ⌊mθ/π⌋}, which equals
 * {@code cos(mθ)} on [0, π/m] and continues it monotonically down to {@code −(2m − 1)} at θ = π. {@code cos(mθ)}
 * is evaluated as the Chebyshev polynomial {@code T_m(cos θ)} (as the original Caffe layer does), so its gradient
 * with respect to {@code cos θ} is a polynomial: finite everywhere, also at cos θ = ±1. Only k, which is piecewise
 * constant, needs θ itself.
 *
 * <p>Two forms:
 * <ul>
 *   <li>{@link Variant#ORIGINAL} (the paper and its Caffe code): W normalised, x <em>not</em>; every logit is
 *       {@code ‖x‖ cos θ_j} and the target is {@code (λ‖x‖cos θ + ‖x‖ψ(θ)) / (1 + λ)}, λ annealed by a
 *       {@link LambdaSchedule}. Like the Caffe layer, each training forward first advances its iteration counter
 *       and then uses λ at that iteration, so a fresh head's first batch sees λ(1).
 *   <li>{@link Variant#NORMALIZED} (as later work, e.g. OpenSphere, trains it): x normalised too, target
 *       {@code s · ψ(θ)}, no λ.
 * </ul>
 */
public final class SphereFaceHead extends MarginHead {

    public static final int DEFAULT_MARGIN = 4;
    /** The scale of the normalised variant (OpenSphere's default). */
    public static final double DEFAULT_SCALE = 30.0;

    /** Whether the feature norm stays in the logits (the paper) or is replaced by a constant scale. */
    public enum Variant { ORIGINAL, NORMALIZED }

    private final int m;
    private final Variant variant;
    private final double s;
    private final LambdaSchedule schedule;
    private long nextIteration = 1;

    /** The paper's form: m = 4 with the Caffe λ schedule. */
    public SphereFaceHead(int numClasses, int embeddingDim) {
        this(numClasses, embeddingDim, DEFAULT_MARGIN, LambdaSchedule.SPHEREFACE);
    }

    /** The paper's form with margin m and annealing schedule. */
    public SphereFaceHead(int numClasses, int embeddingDim, int m, LambdaSchedule schedule) {
        this(numClasses, embeddingDim, m, Variant.ORIGINAL, Double.NaN, schedule);
    }

    /** The normalised form, target {@code s · ψ(θ)}. */
    public static SphereFaceHead normalized(int numClasses, int embeddingDim, int m, double s) {
        return new SphereFaceHead(numClasses, embeddingDim, m, Variant.NORMALIZED, s, null);
    }

    private SphereFaceHead(int numClasses, int embeddingDim, int m, Variant variant, double s, LambdaSchedule schedule) {
        super(numClasses, embeddingDim, numClasses, false);
        if (m < 1 || m > 4) {
            throw new IllegalArgumentException("m must be an integer in {1, 2, 3, 4} (A-Softmax's multiplicative margin), got " + m);
        }
        this.m = m;
        this.variant = variant;
        this.s = variant == Variant.NORMALIZED ? Inputs.requirePositive("s", s) : Double.NaN;
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return "sphereface";
    }

    public Variant variant() {
        return variant;
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("m", m);
        p.put("variant", variant == Variant.ORIGINAL ? "original" : "normalized");
        if (variant == Variant.ORIGINAL) {
            p.put("lambda-base", schedule.base());
            p.put("lambda-gamma", schedule.gamma());
            p.put("lambda-power", schedule.power());
            p.put("lambda-min", schedule.lambdaMin());
        } else {
            p.put("s", s);
        }
        return p;
    }

    /** The iteration whose λ the next training forward uses (the original variant's annealing position). */
    public long iteration() {
        return nextIteration;
    }

    /** Sets the iteration the next training forward uses, e.g. when resuming a run. */
    public void setIteration(long nextIteration) {
        if (nextIteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + nextIteration);
        }
        this.nextIteration = nextIteration;
    }

    /** λ that the next training forward uses (0 for the normalised variant, which has none). */
    public double lambda() {
        return variant == Variant.ORIGINAL ? schedule.at(nextIteration) : 0.0;
    }

    @Override
    protected NDArray marginLogits(ai.djl.training.ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        NDArray logits = super.marginLogits(store, embeddings, labels, training);
        if (training) {
            nextIteration++;
        }
        return logits;
    }

    @Override
    protected NDArray marginTarget(Target target) {
        NDArray cosTarget = target.cos();
        NDArray psi = psi(cosTarget, target.theta());
        if (variant == Variant.NORMALIZED) {
            return psi;
        }
        double lambda = lambda();
        return cosTarget.mul(lambda).add(psi).div(1 + lambda);
    }

    /** ψ(θ) = (−1)^k T_m(cos θ) − 2k, k = ⌊mθ/π⌋ (k taken without gradient: it is piecewise constant). */
    private NDArray psi(NDArray cos, NDArray theta) {
        NDArray k = theta.stopGradient().mul(m / Math.PI).floor();
        NDArray sign = k.mod(2).mul(-2).add(1);
        return sign.mul(chebyshev(cos)).sub(k.mul(2));
    }

    /** T_m(c) = cos(m·acos c). */
    private NDArray chebyshev(NDArray c) {
        return switch (m) {
            case 1 -> c;
            case 2 -> c.square().mul(2).sub(1);
            case 3 -> c.pow(3).mul(4).sub(c.mul(3));
            case 4 -> { NDArray c2 = c.square(); yield c2.square().mul(8).sub(c2.mul(8)).add(1); }
            default -> throw new IllegalStateException("m = " + m);
        };
    }

    /** Saves the annealing position with the parameters, so that a resumed run continues λ where it stopped. */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        super.saveMetadata(os);
        os.writeLong(nextIteration);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        super.loadMetadata(loadVersion, is);
        nextIteration = is.readLong();
    }

    @Override
    protected NDArray scale(NDArray unscaledLogits, NDArray embeddings) {
        return variant == Variant.NORMALIZED ? unscaledLogits.mul(s) : unscaledLogits.mul(Sphere.norms(embeddings));
    }
}
