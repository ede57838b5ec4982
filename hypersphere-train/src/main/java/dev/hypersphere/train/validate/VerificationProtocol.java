package dev.hypersphere.train.validate;

/**
 * What a verification validation measures, which depends on the held-out identities alone: only identities the
 * run never trained on make it open-set (face verification in the wild); pairs of training identities measure how
 * well it separates the classes it was fitted to, a closed-set figure that is usually higher.
 */
public enum VerificationProtocol {

    /** The held-out identities are disjoint from the training ones (split identity or identity-folds). */
    OPEN_SET("open-set", "open-set verification (identities unseen in training)"),

    /** The held-out samples belong to training identities (split sample, or a test set of the same classes). */
    TRAINING_IDENTITIES("closed-set", "verification on training identities (closed-set)");

    private final String label;
    private final String description;

    VerificationProtocol(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public static VerificationProtocol of(boolean unseenIdentities) {
        return unseenIdentities ? OPEN_SET : TRAINING_IDENTITIES;
    }

    /** "open-set" or "closed-set", as report.json and log.jsonl give it. */
    public String label() {
        return label;
    }

    /** What the accuracy is, in words, for people. */
    public String description() {
        return description;
    }
}
