package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import dev.hypersphere.geometry.Sphere;
import java.util.function.Supplier;

/**
 * Base of the angular heads: W and x are compared by cosine, and each head changes only the target class's
 * cosine through one hook, {@link #marginTarget}.
 *
 * <p>Logits are {@code scale · l} where {@code l_j = cos θ_j} for every other class and {@code l_y = ψ(cos θ_y)}
 * for the target; ψ is the hook. The scale is a constant {@code s} for the normalised heads; SphereFace's original
 * form overrides {@link #scale} with the feature norm ‖x‖.
 *
 * <p>With a <em>detached</em> margin the forward value is the same but the margin's own derivative is dropped:
 * the target logit is {@code cos θ_y + stopGradient(ψ − cos θ_y)}, so the gradient reaches W and x as if the
 * logit were {@code s · cos θ_y} taken at the margin-adjusted softmax probabilities. insightface's ArcFace (since
 * December 2022) and OpenSphere's heads train this way.
 */
public abstract class MarginHead extends Head {

    private final boolean detachedMargin;

    protected MarginHead(int numClasses, int embeddingDim, int weightRows, boolean detachedMargin) {
        super(numClasses, embeddingDim, weightRows);
        this.detachedMargin = detachedMargin;
    }

    /** The hook: the target class's unscaled logit ψ, given the target's cosine and angle (N×1 columns). */
    protected abstract NDArray marginTarget(Target target);

    /** Multiplies the unscaled logits (N×C) by the head's scale. */
    protected abstract NDArray scale(NDArray unscaledLogits, NDArray embeddings);

    /** Cosines between each embedding and each class, N×C. Sub-centre heads pool over their sub-centres here. */
    protected NDArray cosines(ParameterStore store, NDArray embeddings, boolean training) {
        return Sphere.cosineMatrix(embeddings, weightValue(store, embeddings, training));
    }

    /**
     * The class centre each sample is compared with for its own class, N×d (not normalised): the label's row of W.
     * Sub-centre heads return the sub-centre nearest to the sample.
     */
    protected NDArray targetCentres(ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        return weightValue(store, embeddings, training).get(labels);
    }

    public boolean detachedMargin() {
        return detachedMargin;
    }

    @Override
    protected NDArray marginLogits(ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        NDArray cos = cosines(store, embeddings, training);
        NDArray cosTarget = cos.gather(labels.reshape(-1, 1), 1);
        NDArray target = marginTarget(new Target(cosTarget, () -> Sphere.angleBetween(embeddings,
                targetCentres(store, embeddings, labels, training))));
        if (detachedMargin) {
            target = cosTarget.add(target.sub(cosTarget).stopGradient());
        }
        // Select rather than add a difference, so that both the target and the other logits are exact.
        NDArray isTarget = labels.oneHot(numClasses, cos.getDataType());
        NDArray unscaled = cos.mul(isTarget.neg().add(1)).add(isTarget.mul(target));
        return scale(unscaled, embeddings);
    }

    /**
     * Each sample's cosine to its own class, and its angle computed lazily (only heads whose margin is an angle
     * need it) from the embedding and the class centre themselves, not as {@code acos} of the cosine, which is
     * inaccurate near 0 and π (see {@link Sphere#angleBetween}).
     */
    protected static final class Target {
        private final NDArray cos;
        private final Supplier<NDArray> angle;
        private NDArray theta;

        Target(NDArray cos, Supplier<NDArray> angle) {
            this.cos = cos;
            this.angle = angle;
        }

        /** cos θ of each sample to its class, N×1. */
        public NDArray cos() {
            return cos;
        }

        /** θ in radians, in [0, π], N×1. */
        public NDArray theta() {
            if (theta == null) {
                theta = angle.get();
            }
            return theta;
        }
    }

    @Override
    protected NDArray inferenceScores(ParameterStore store, NDArray embeddings) {
        return cosines(store, embeddings, false);
    }
}
