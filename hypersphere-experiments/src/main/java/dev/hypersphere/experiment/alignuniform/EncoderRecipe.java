package dev.hypersphere.experiment.alignuniform;

import dev.hypersphere.train.contrastive.ContrastiveObjective;
import java.util.List;

/**
 * One encoder of the experiment: its name and the objective it is trained with (none for the untrained reference,
 * which shows where a random network's features sit).
 *
 * @param family    "infonce", "align+uniform" or "untrained"
 * @param parameter τ for InfoNCE, λ for align+uniform, NaN for untrained
 */
record EncoderRecipe(String name, String family, double parameter, ContrastiveObjective objective) {

    static EncoderRecipe infoNce(double temperature) {
        return new EncoderRecipe("infonce-t" + compact(temperature), "infonce", temperature,
                ContrastiveObjective.infoNce(temperature));
    }

    static EncoderRecipe alignUniform(double lambda) {
        return new EncoderRecipe(lambda == 0 ? "align-only" : "align-unif-l" + compact(lambda), "align+uniform", lambda,
                ContrastiveObjective.alignUniform(lambda, 2, 2));
    }

    static EncoderRecipe untrained() {
        return new EncoderRecipe("untrained", "untrained", Double.NaN, null);
    }

    boolean trained() {
        return objective != null;
    }

    /** "τ=0.2", "λ=4" or "–". */
    String parameterLabel() {
        return switch (family) {
            case "infonce" -> "τ=" + compact(parameter);
            case "align+uniform" -> "λ=" + compact(parameter);
            default -> "–";
        };
    }

    /**
     * The catalogue: InfoNCE at four temperatures and L_align + λ·L_unif at four weights (the paper's two
     * families), plus two deliberately poor ones so that the correlation has range: alignment alone (λ = 0:
     * nothing stops collapse) and the untrained network.
     */
    static List<EncoderRecipe> catalogue() {
        return List.of(infoNce(0.07), infoNce(0.2), infoNce(0.5), infoNce(1.0),
                alignUniform(0.25), alignUniform(1), alignUniform(4), alignUniform(16), alignUniform(0), untrained());
    }

    static String compact(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
