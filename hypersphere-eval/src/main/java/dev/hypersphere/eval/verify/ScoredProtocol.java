package dev.hypersphere.eval.verify;

/**
 * A protocol that can run on pair scores already computed ({@link PairScores}), so that a verification run computes
 * each score once for the protocol and for the threshold-free numbers alike.
 */
interface ScoredProtocol {

    ProtocolResult evaluate(PairScores scores);

    /** Whether {@link PairScores} should also sum each fold's features for this protocol. */
    default boolean usesFoldFeatureSums() {
        return false;
    }
}
