package dev.hypersphere.train;

import dev.hypersphere.data.Batch;
import dev.hypersphere.data.loader.BatchLoader;
import java.io.IOException;

/** A {@link BatchStream} over a {@link BatchLoader}: epoch after epoch, starting at any (epoch, batch). */
public final class LoaderBatchStream implements BatchStream {

    private final BatchLoader loader;
    private BatchLoader.Epoch current;

    public LoaderBatchStream(BatchLoader loader, int epoch, int batchInEpoch) {
        if (loader.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("the training set holds fewer samples than one batch ("
                    + loader.source().size() + " < " + loader.options().batchSize() + "): lower train.batch-size");
        }
        this.loader = loader;
        if (batchInEpoch >= loader.batchesPerEpoch()) {
            epoch++;
            batchInEpoch = 0;
        }
        this.current = loader.epoch(epoch, batchInEpoch);
    }

    @Override
    public Batch next() throws IOException {
        if (!current.hasNext()) {
            current = loader.epoch(current.epoch() + 1, 0);
        }
        return current.nextBatch();
    }

    @Override
    public int epoch() {
        return current.hasNext() ? current.epoch() : current.epoch() + 1;
    }

    @Override
    public int batchInEpoch() {
        return current.hasNext() ? current.position() : 0;
    }

    @Override
    public void close() {
        loader.close();
    }
}
