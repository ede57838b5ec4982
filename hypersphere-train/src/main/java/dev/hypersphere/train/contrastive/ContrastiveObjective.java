package dev.hypersphere.train.contrastive;

import ai.djl.ndarray.NDArray;
import dev.hypersphere.loss.AlignmentLoss;
import dev.hypersphere.loss.InfoNceLoss;
import dev.hypersphere.loss.UniformityLoss;
import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a contrastive encoder is trained to minimise, from the L2-normalised embeddings of two views of the same
 * images (row i of {@code x} and row i of {@code y} are a positive pair).
 */
public sealed interface ContrastiveObjective {

    /** The loss of one batch of positive pairs (both N×d, unit rows). */
    NDArray loss(NDArray x, NDArray y);

    /** A short label, e.g. {@code infonce τ=0.2} or {@code align+unif λ=4}. */
    String label();

    /** The objective and its hyper-parameters as plain values, for reports. */
    Map<String, Object> describe();

    /** SimCLR's NT-Xent (InfoNCE with 2N − 2 negatives per anchor) at temperature τ. */
    static ContrastiveObjective infoNce(double temperature) {
        return new InfoNce(temperature);
    }

    /** Wang &amp; Isola's {@code L_align(α) + λ·(L_unif(x; t) + L_unif(y; t))/2}; λ = 0 is alignment alone. */
    static ContrastiveObjective alignUniform(double lambda, double alpha, double t) {
        return new AlignUniform(lambda, alpha, t);
    }

    /** InfoNCE at temperature τ. */
    record InfoNce(double temperature) implements ContrastiveObjective {
        public InfoNce {
            Inputs.requirePositive("temperature", temperature);
        }

        @Override
        public NDArray loss(NDArray x, NDArray y) {
            return InfoNceLoss.compute(x, y, temperature);
        }

        @Override
        public String label() {
            return String.format(Locale.ROOT, "infonce τ=%s", trim(temperature));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", "infonce");
            m.put("temperature", temperature);
            return m;
        }
    }

    /**
     * Alignment plus λ times uniformity, the uniformity averaged over the two views (as the paper's code does,
     * {@code align_w·align + unif_w·(unif(x) + unif(y))/2} with {@code align_w = 1}, {@code unif_w = λ}).
     */
    record AlignUniform(double lambda, double alpha, double t) implements ContrastiveObjective {
        public AlignUniform {
            Inputs.requireInRange("lambda", lambda, 0, Double.MAX_VALUE, "the uniformity weight, >= 0");
            Inputs.requirePositive("alpha", alpha);
            Inputs.requirePositive("t", t);
        }

        @Override
        public NDArray loss(NDArray x, NDArray y) {
            NDArray align = AlignmentLoss.compute(x, y, alpha);
            if (lambda == 0) {
                return align;
            }
            NDArray uniform = UniformityLoss.compute(x, t).add(UniformityLoss.compute(y, t)).mul(0.5);
            return align.add(uniform.mul(lambda));
        }

        @Override
        public String label() {
            return String.format(Locale.ROOT, "align+unif λ=%s", trim(lambda));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", "align+uniform");
            m.put("lambda", lambda);
            m.put("alpha", alpha);
            m.put("t", t);
            return m;
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
