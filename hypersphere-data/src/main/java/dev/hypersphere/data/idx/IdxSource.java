package dev.hypersphere.data.idx;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.ChannelConversion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * MNIST-style data: an IDX image file (N × rows × columns grey bytes) with its IDX label file (N bytes), held in
 * memory. Samples are 1×rows×columns (or the grey replicated to 3 channels) with values 0..255.
 */
public final class IdxSource implements SampleSource {

    /** Fashion-MNIST's class names, label 0 to 9. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final IdxFile images;
    private final byte[] labels;
    private final List<String> classNames;
    private final int channels;
    private final int rows;
    private final int columns;

    private IdxSource(IdxFile images, IdxFile labels, List<String> classNames, int channels) throws MalformedDataException {
        this.images = images;
        this.labels = labels.data();
        this.classNames = List.copyOf(classNames);
        this.channels = ChannelConversion.requireChannels("channels", channels);
        this.rows = images.dims()[1];
        this.columns = images.dims()[2];
        if (images.dims()[0] != labels.dims()[0]) {
            throw new MalformedDataException(images.path() + " holds " + images.dims()[0] + " images but " + labels.path()
                    + " holds " + labels.dims()[0] + " labels");
        }
        for (int i = 0; i < this.labels.length; i++) {
            if ((this.labels[i] & 0xff) >= classNames.size()) {
                throw new MalformedDataException(labels.path() + ": label " + (this.labels[i] & 0xff) + " at index " + i
                        + " is outside [0, " + classNames.size() + ")");
            }
        }
    }

    /** Images and labels from two IDX files, with classes "0" … "9" (channels 1 or 3). */
    public static IdxSource open(Path imageFile, Path labelFile, int channels) throws IOException {
        return open(imageFile, labelFile, channels, IntStream.range(0, 10).mapToObj(Integer::toString).toList());
    }

    public static IdxSource open(Path imageFile, Path labelFile, int channels, List<String> classNames) throws IOException {
        return new IdxSource(IdxFile.read(imageFile, 3), IdxFile.read(labelFile, 1), classNames, channels);
    }

    /**
     * The {@code train} or {@code t10k} (also accepted: {@code test}) part of an MNIST-layout folder:
     * {@code <split>-images-idx3-ubyte[.gz]} and {@code <split>-labels-idx1-ubyte[.gz]}.
     */
    public static IdxSource openSplit(Path folder, String split, int channels) throws IOException {
        String prefix = split.equals("test") ? "t10k" : split;
        return open(find(folder, prefix + "-images-idx3-ubyte"), find(folder, prefix + "-labels-idx1-ubyte"), channels);
    }

    private static Path find(Path folder, String stem) throws MalformedDataException {
        for (String name : new String[] {stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"}) {
            Path path = folder.resolve(name);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new MalformedDataException(folder + ": no " + stem + " or " + stem + ".gz");
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Sample get(int index) {
        Objects.checkIndex(index, size());
        int plane = rows * columns;
        float[] grey = new float[plane];
        byte[] data = images.data();
        int start = index * plane;
        for (int i = 0; i < plane; i++) {
            grey[i] = data[start + i] & 0xff;
        }
        float[] pixels = ChannelConversion.convert(grey, 1, channels, plane);
        return new Sample(pixels, channels, rows, columns, label(index), images.path().getFileName() + "#" + index);
    }

    @Override
    public int label(int index) {
        return labels[index] & 0xff;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }
}
