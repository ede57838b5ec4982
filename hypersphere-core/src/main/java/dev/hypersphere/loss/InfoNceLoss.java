package dev.hypersphere.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.hypersphere.geometry.Sphere;
import dev.hypersphere.validate.Inputs;

/**
 * InfoNCE in its symmetric NT-Xent form (SimCLR; the contrastive loss Wang &amp; Isola analyse): for N positive
 * pairs (x_i, y_i), each of the 2N embeddings is an anchor whose positive is its partner and whose negatives are
 * the other 2N − 2 embeddings; the loss is the mean cross-entropy of
 * {@code cos(anchor, ·) / τ} over the 2N anchors. Embeddings are L2-normalised here.
 */
public final class InfoNceLoss {

    public static final double DEFAULT_TEMPERATURE = 0.5;

    /** Added to each anchor's similarity with itself, which must not count as a candidate. */
    private static final double SELF_MASK = -1e9;

    private InfoNceLoss() {}

    public static NDArray compute(NDArray x, NDArray y) {
        return compute(x, y, DEFAULT_TEMPERATURE);
    }

    /** @param temperature τ &gt; 0 */
    public static NDArray compute(NDArray x, NDArray y, double temperature) {
        Inputs.requirePositive("temperature", temperature);
        Inputs.requireMatrix("x", x, -1);
        Inputs.requireMatrix("y", y, x.getShape().get(1));
        if (!x.getShape().equals(y.getShape())) {
            throw new IllegalArgumentException("x and y must have the same shape (one positive pair per row), got "
                    + x.getShape() + " and " + y.getShape());
        }
        long n = x.getShape().get(0);
        NDManager manager = x.getManager();
        NDArray z = Sphere.normalize(NDArrays.concat(new NDList(x, y), 0));
        NDArray logits = z.matMul(z.transpose()).div(temperature)
                .add(manager.eye((int) (2 * n)).toType(z.getDataType(), false).mul(SELF_MASK));
        // Anchor i's positive is i + N, and anchor i + N's is i.
        NDArray index = manager.arange(0, 2 * n, 1, DataType.INT64);
        NDArray positive = index.add(n).mod(2 * n).reshape(-1, 1);
        return logits.logSoftmax(1).gather(positive, 1).neg().mean();
    }
}
