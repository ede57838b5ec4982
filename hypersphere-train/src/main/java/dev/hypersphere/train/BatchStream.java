package dev.hypersphere.train;

import dev.hypersphere.data.Batch;
import java.io.IOException;

/**
 * Training batches in a reproducible order, endless (epoch after epoch), that can start anywhere: the trainer asks
 * for the position of the next batch when it checkpoints, and a resumed run opens a stream at that position.
 */
public interface BatchStream extends AutoCloseable {

    /** The next batch. */
    Batch next() throws IOException;

    /** Epoch of the batch that {@link #next} returns next. */
    int epoch();

    /** Index within its epoch of the batch that {@link #next} returns next. */
    int batchInEpoch();

    @Override
    void close() throws IOException;
}
