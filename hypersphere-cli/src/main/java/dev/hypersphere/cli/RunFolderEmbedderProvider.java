package dev.hypersphere.cli;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.eval.embed.ImageEmbedder;
import dev.hypersphere.eval.embed.ImageEmbedderProvider;
import dev.hypersphere.train.embed.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets evaluation embed images with a model trained here ({@code eval verify --bin FILE --model RUN_DIR}). It lives
 * in the command line, which sees both stages, so that evaluation never depends on the trainer. Registered in
 * {@code META-INF/services}.
 */
public final class RunFolderEmbedderProvider implements ImageEmbedderProvider {

    @Override
    public boolean accepts(Path model) {
        return Files.isRegularFile(model.resolve("model.json"));
    }

    @Override
    public ImageEmbedder open(Path model) throws IOException {
        Embedder embedder = Embedder.load(model);
        Pipeline preprocessing = Pipeline.evaluation(embedder.preprocessing());
        int channels = embedder.preprocessing().channels();
        int height = embedder.preprocessing().height();
        int width = embedder.preprocessing().width();
        return new ImageEmbedder() {
            @Override
            public int channels() {
                return channels;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public int dim() {
                return embedder.dim();
            }

            @Override
            public float[][] embed(float[] batch, int n) {
                int length = channels * height * width;
                float[] prepared = new float[n * preprocessing.sampleLength()];
                for (int i = 0; i < n; i++) {
                    float[] pixels = java.util.Arrays.copyOfRange(batch, i * length, (i + 1) * length);
                    preprocessing.applyInto(new Sample(pixels, channels, height, width, 0, "image " + i), 0, i, prepared,
                            i * preprocessing.sampleLength());
                }
                float[] norms = new float[n];
                float[][] rows = embedder.embedPreprocessed(prepared, n, norms, 0);
                for (int i = 0; i < n; i++) {   // the interface hands out embeddings before normalisation
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
        };
    }
}
