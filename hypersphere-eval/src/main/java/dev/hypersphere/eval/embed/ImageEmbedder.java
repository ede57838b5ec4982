package dev.hypersphere.eval.embed;

/**
 * A trained model seen from evaluation: images in, embeddings out. The trainer provides implementations; evaluation
 * only decodes images (e.g. from insightface .bin files) and hands them over in batches.
 *
 * <p>Input: a batch of {@code n} images, row-major {@code n × channels × height × width} floats, RGB, raw values in
 * [0, 255] (the embedder applies its own normalisation, e.g. insightface's (x/255 − 0.5)/0.5). Output: {@code n}
 * embeddings of {@link #dim()} values each, before any L2 normalisation (the norm is reported).
 */
public interface ImageEmbedder extends AutoCloseable {

    /** Channels the model takes (3 for RGB). */
    int channels();

    /** Input height in pixels (112 for insightface's models). */
    int height();

    /** Input width in pixels. */
    int width();

    /** Embedding dimension. */
    int dim();

    /** Embeds {@code n} images laid out as described above. */
    float[][] embed(float[] batch, int n);

    @Override
    default void close() {}
}
