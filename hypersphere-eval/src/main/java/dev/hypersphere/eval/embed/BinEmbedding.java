package dev.hypersphere.eval.embed;

import dev.hypersphere.eval.io.Images;
import dev.hypersphere.eval.io.InsightFaceBin;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Embeds the images of an insightface .bin file with a trained model, as insightface's {@code test()} does: every
 * image and its horizontal mirror, in batches. Row i of the result is image i, so pair p is rows 2p and 2p+1.
 *
 * @param original embeddings of the images as stored, row-major N×dim
 * @param flipped embeddings of the mirrored images
 */
public record BinEmbedding(float[] original, float[] flipped, int count, int dim) {

    /** Embeds all images of {@code contents}; {@code progress} is told how many images are done after each batch. */
    public static BinEmbedding embed(InsightFaceBin.Contents contents, ImageEmbedder embedder, int batchSize,
                                     IntConsumer progress) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        int n = contents.images().size();
        int c = embedder.channels();
        int h = embedder.height();
        int w = embedder.width();
        int d = embedder.dim();
        if (c != 3) {
            throw new IllegalArgumentException("the embedder takes " + c + " channels; .bin images are RGB (3)");
        }
        float[] original = new float[n * d];
        float[] flipped = new float[n * d];
        int per = c * h * w;
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            for (int flip = 0; flip < 2; flip++) {
                float[] batch = new float[count * per];   // a fresh array: the embedder may keep a tensor on it
                for (int i = 0; i < count; i++) {
                    Images.toChw(contents.images().get(start + i), h, w, flip == 1, batch, i * per,
                            contents.file() + " image " + (start + i));
                }
                float[][] out = embedder.embed(batch, count);
                if (out.length != count) {
                    throw new IllegalStateException("the embedder returned " + out.length + " embeddings for " + count + " images");
                }
                float[] target = flip == 0 ? original : flipped;
                for (int i = 0; i < count; i++) {
                    if (out[i].length != d) {
                        throw new IllegalStateException("the embedder returned " + out[i].length + " values, expected " + d);
                    }
                    System.arraycopy(out[i], 0, target, (start + i) * d, d);
                }
            }
            progress.accept(start + count);
        }
        return new BinEmbedding(original, flipped, n, d);
    }
}
