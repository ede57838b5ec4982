package dev.hypersphere.eval.verify;

import java.util.List;

/**
 * One published way of turning pair scores into a verification accuracy. Each implementation follows its
 * reference code to the comparison operator and the threshold grid, because those details move the third digit.
 */
public interface VerificationProtocol {

    /** The names accepted by {@link #byName}. */
    List<String> NAMES = List.of("insightface", "sphereface", "facexzoo", "best-threshold");

    String name();

    /** The flip-test combination the protocol's authors use when flipped features exist. */
    FlipMode publishedFlipMode();

    /** Runs the protocol on the pairs' features (already combined with their flipped views, if any). */
    ProtocolResult evaluate(PairFeatures pairs);

    static VerificationProtocol byName(String name) {
        return switch (name) {
            case "insightface" -> new InsightFaceProtocol();
            case "sphereface" -> new SphereFaceProtocol();
            case "facexzoo" -> new FaceXZooProtocol();
            case "best-threshold", "opensphere" -> new BestThresholdProtocol();
            default -> throw new IllegalArgumentException("unknown protocol '" + name + "'; valid: " + String.join(", ", NAMES));
        };
    }
}
