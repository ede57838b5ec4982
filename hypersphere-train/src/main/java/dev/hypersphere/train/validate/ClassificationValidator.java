package dev.hypersphere.train.validate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.head.Head;
import dev.hypersphere.train.Trainer;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Closed-set validation: the test set has the training classes, and accuracy is the fraction whose highest
 * margin-free head score ({@link Head#scores}: the cosine to each class centre, or Wx + b for softmax) is their
 * own class (as the SphereFace MNIST experiment reports test accuracy).
 */
public final class ClassificationValidator implements Trainer.Validator {

    /** What its accuracy is, in words. */
    public static final String DESCRIPTION = "test-set classification (training classes)";

    private final Embedder embedder;
    private final Head head;
    private final SampleSource test;
    private final NDManager manager;
    private final int batchSize;
    private final int threads;

    public ClassificationValidator(Embedder embedder, Head head, SampleSource test, NDManager manager, int batchSize, int threads) {
        this.embedder = embedder;
        this.head = head;
        this.test = test;
        this.manager = manager;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    @Override
    public Map<String, Object> validate() throws IOException {
        Embeddings embeddings = embedder.embed(test, batchSize, threads, null);
        int n = embeddings.size();
        int correct = 0;
        try (NDManager scope = manager.newSubManager()) {
            for (ai.djl.nn.Parameter p : head.getParameters().values()) {
                p.getArray().tempAttach(scope);
            }
            // Softmax scores need the raw features; cosine heads are unaffected by the scale.
            float[] rows = embeddings.vectors().clone();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < embeddings.dim(); k++) {
                    rows[i * embeddings.dim() + k] *= embeddings.norms()[i];
                }
            }
            NDArray x = scope.create(rows, new Shape(n, embeddings.dim()));
            long[] predicted = head.scores(new ParameterStore(scope, false), x).argMax(1).toLongArray();
            for (int i = 0; i < n; i++) {
                correct += predicted[i] == embeddings.labels()[i] ? 1 : 0;
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mode", "classification");
        metrics.put("description", DESCRIPTION);
        metrics.put("accuracy", correct / (double) n);
        metrics.put("samples", n);
        metrics.put("classes", test.numClasses());
        return metrics;
    }
}
