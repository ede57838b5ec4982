package dev.hypersphere.train.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hypersphere.data.Batch;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.loader.BatchLoader;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.geometry.Sphere;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.Backbones;
import dev.hypersphere.train.run.ModelDescription;
import dev.hypersphere.train.run.RunFolder;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Turns images into L2-normalised embeddings with a backbone in inference mode (BatchNorm on its running
 * statistics), applying the model's deterministic preprocessing. Built around a live backbone (for validation
 * while training) or loaded from a run folder ({@link #load}).
 */
public final class Embedder implements AutoCloseable {

    private final Block backbone;
    private final Preprocessing preprocessing;
    private final NDManager manager;
    private final boolean ownsManager;
    private final int dim;

    public Embedder(Block backbone, int embeddingDim, Preprocessing preprocessing, NDManager manager) {
        this(backbone, embeddingDim, preprocessing.evaluation(), manager, false);
    }

    private Embedder(Block backbone, int dim, Preprocessing preprocessing, NDManager manager, boolean ownsManager) {
        this.backbone = backbone;
        this.dim = dim;
        this.preprocessing = preprocessing;
        this.manager = manager;
        this.ownsManager = ownsManager;
    }

    /** The trained model of a run folder (its best weights if validation kept any, else the final ones). */
    public static Embedder load(Path runFolder) throws IOException {
        RunFolder run = RunFolder.existing(runFolder);
        ModelDescription description = ModelDescription.read(run.modelJson());
        NDManager manager = HypersphereEngine.newManager();
        try {
            Backbone backbone = Backbones.create(description.backbone());
            backbone.initialize(manager, DataType.FLOAT32);
            Path weights = run.weightsForEmbedding().resolve("backbone.params");
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
                backbone.loadParameters(manager, in);
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException(weights + " does not fit the backbone in model.json: " + e.getMessage(), e);
            }
            return new Embedder(backbone, description.backbone().embeddingDim(), description.preprocessing(), manager, true);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public int dim() {
        return dim;
    }

    /** The deterministic preprocessing applied before the backbone. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * Embeds every sample of {@code source} in order.
     *
     * @param progress told the number of samples done after each batch (may be null)
     */
    public Embeddings embed(SampleSource source, int batchSize, int threads, LongConsumer progress) throws IOException {
        int n = source.size();
        float[] vectors = new float[n * dim];
        float[] norms = new float[n];
        int[] labels = new int[n];
        String[] names = new String[n];
        int done = 0;
        try (BatchLoader loader = BatchLoader.sequential(source, preprocessing, batchSize, threads);
             BatchLoader.Epoch epoch = loader.epoch(0)) {
            while (epoch.hasNext()) {
                Batch batch = epoch.nextBatch();
                float[][] rows = embedPreprocessed(batch.data(), batch.size(), norms, done);
                for (int i = 0; i < batch.size(); i++) {
                    System.arraycopy(rows[i], 0, vectors, (done + i) * dim, dim);
                    labels[done + i] = (int) batch.labels()[i];
                    names[done + i] = String.valueOf(batch.indices()[i]);
                }
                done += batch.size();
                if (progress != null) {
                    progress.accept(done);
                }
            }
        }
        return new Embeddings(vectors, dim, norms, labels, names);
    }

    /**
     * Embeds already preprocessed images (N×C×H×W floats, as the model's preprocessing makes them): unit rows.
     * When {@code norms} is given, the pre-normalisation norms are written into it from {@code offset}.
     */
    public float[][] embedPreprocessed(float[] data, int n, float[] norms, int offset) {
        try (NDManager scope = manager.newSubManager()) {
            for (ai.djl.nn.Parameter p : backbone.getParameters().values()) {
                p.getArray().tempAttach(scope);
            }
            NDArray x = scope.create(data, new Shape(n, preprocessing.channels(), preprocessing.height(), preprocessing.width()));
            NDArray raw = backbone.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            if (norms != null) {
                float[] rowNorms = Sphere.norms(raw).toFloatArray();
                System.arraycopy(rowNorms, 0, norms, offset, n);
            }
            float[] flat = Sphere.normalize(raw).toFloatArray();
            float[][] rows = new float[n][dim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * dim, rows[i], 0, dim);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}
