package dev.hypersphere.data;

import java.io.IOException;
import java.util.List;

/**
 * A random-access, labelled data set: an image folder, a tar of one, IDX files, a RecordIO pack, or generated
 * identities. {@link #get} must be safe to call from several threads at once (loaders decode in parallel).
 */
public interface SampleSource extends AutoCloseable {

    /** Number of samples. */
    int size();

    /** Sample {@code index} in [0, size()), decoded. */
    Sample get(int index) throws IOException;

    /** The label of sample {@code index}, without decoding it (splits and samplers need only labels). */
    int label(int index);

    /** Class names; label i is {@code classNames().get(i)}. */
    List<String> classNames();

    default int numClasses() {
        return classNames().size();
    }

    @Override
    default void close() throws IOException {}
}
