package dev.hypersphere.train.validate;

import dev.hypersphere.data.SampleSource;
import dev.hypersphere.metric.VerificationAccuracy;
import dev.hypersphere.train.Trainer;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verification validation: embeds held-out samples and reports k-fold verification accuracy on fixed pairs of
 * them, by cosine similarity. It is open-set only when the held-out identities are not training identities
 * ({@link VerificationProtocol}); the metrics say which.
 */
public final class VerificationValidator implements Trainer.Validator {

    private final Embedder embedder;
    private final SampleSource heldOut;
    private final VerificationProtocol protocol;
    private final ValidationPairs pairs;
    private final int folds;
    private final int batchSize;
    private final int threads;

    public VerificationValidator(Embedder embedder, SampleSource heldOut, VerificationProtocol protocol, int pairs,
                                 int folds, long seed, int batchSize, int threads) {
        this.embedder = embedder;
        this.heldOut = heldOut;
        this.protocol = protocol;
        this.pairs = ValidationPairs.draw(heldOut, pairs, seed);
        if (folds < 2 || folds > this.pairs.size()) {
            throw new IllegalArgumentException("validation.folds must be between 2 and the pairs drawn (" + this.pairs.size()
                    + "), got " + folds);
        }
        this.folds = folds;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /** One line saying that the held-out set holds fewer distinct pairs than validation.pairs asks for, if so. */
    public Optional<String> capWarning() {
        if (!pairs.capped()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "validation.pairs is %d, but the held-out set (%d images, %d identities) "
                        + "holds only %d distinct pairs (%d same-identity, %d different): validating on %d (%d of each kind)",
                pairs.requested(), heldOut.size(), heldOut.numClasses(), pairs.distinctAvailable(), pairs.distinctSame(),
                pairs.distinctDifferent(), pairs.size(), pairs.size() / 2));
    }

    @Override
    public Map<String, Object> validate() throws IOException {
        Embeddings embeddings = embedder.embed(heldOut, batchSize, threads, null);
        double[] scores = new double[pairs.size()];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = embeddings.cosine(pairs.first()[p], pairs.second()[p]);
        }
        VerificationAccuracy.Result result = VerificationAccuracy.kFold(scores, pairs.same(), folds);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mode", "verification");
        metrics.put("protocol", protocol.label());
        metrics.put("description", protocol.description());
        metrics.put("accuracy", result.mean());
        metrics.put("accuracy_std", result.std());
        metrics.put("pairs", pairs.size());
        metrics.put("pairs_requested", pairs.requested());
        metrics.put("distinct_pairs_available", pairs.distinctAvailable());
        metrics.put("folds", folds);
        metrics.put("samples", heldOut.size());
        metrics.put("classes", heldOut.numClasses());
        return metrics;
    }
}
