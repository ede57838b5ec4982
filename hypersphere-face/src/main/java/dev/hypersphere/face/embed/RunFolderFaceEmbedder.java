package dev.hypersphere.face.embed;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.run.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** A model trained here (a run folder) as a {@link FaceEmbedder}: its own evaluation preprocessing, raw embeddings out. */
public final class RunFolderFaceEmbedder implements FaceEmbedder {

    private final Embedder embedder;
    private final Pipeline preprocessing;
    private final String id;

    private RunFolderFaceEmbedder(Embedder embedder, String id) {
        this.embedder = embedder;
        this.preprocessing = Pipeline.evaluation(embedder.preprocessing());
        this.id = id;
    }

    /** The run's model; its id hashes model.json and the weights used for embedding. */
    public static RunFolderFaceEmbedder open(Path runFolder) throws IOException {
        RunFolder run = RunFolder.existing(runFolder);
        Path name = runFolder.toAbsolutePath().normalize().getFileName();
        String id = ModelIds.of(name == null ? "run" : name.toString(), run.modelJson(),
                run.weightsForEmbedding().resolve("backbone.params"));
        return new RunFolderFaceEmbedder(Embedder.load(runFolder), id);
    }

    @Override
    public int channels() {
        return embedder.preprocessing().channels();
    }

    @Override
    public int height() {
        return embedder.preprocessing().height();
    }

    @Override
    public int width() {
        return embedder.preprocessing().width();
    }

    @Override
    public int dim() {
        return embedder.dim();
    }

    @Override
    public String modelId() {
        return id;
    }

    @Override
    public float[][] embed(float[] batch, int n) {
        int c = channels();
        int h = height();
        int w = width();
        int length = c * h * w;
        float[] prepared = new float[n * preprocessing.sampleLength()];
        for (int i = 0; i < n; i++) {
            float[] pixels = Arrays.copyOfRange(batch, i * length, (i + 1) * length);
            preprocessing.applyInto(new Sample(pixels, c, h, w, 0, "face " + i), 0, i, prepared, i * preprocessing.sampleLength());
        }
        float[] norms = new float[n];
        float[][] rows = embedder.embedPreprocessed(prepared, n, norms, 0);
        for (int i = 0; i < n; i++) {   // raw embeddings, as the interface promises
            for (int k = 0; k < rows[i].length; k++) {
                rows[i][k] *= norms[i];
            }
        }
        return rows;
    }

    @Override
    public void close() {
        embedder.close();
    }
}
