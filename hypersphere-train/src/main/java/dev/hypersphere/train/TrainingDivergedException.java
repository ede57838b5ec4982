package dev.hypersphere.train;

/** The loss became NaN or infinite: the run stops, and its last good checkpoint stays in place. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
