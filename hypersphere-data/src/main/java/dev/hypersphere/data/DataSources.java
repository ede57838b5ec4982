package dev.hypersphere.data;

import dev.hypersphere.data.idx.IdxSource;
import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageFolderSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.recordio.RecordIoSource;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens a source from one text, so that every command takes its data the same way ({@code --data SPEC}):
 * <ul>
 *   <li>{@code synthetic} or {@code synthetic:IDENTITIES,IMAGES,HEIGHT,WIDTH,SEED} (defaults 500,20,32,32,42);</li>
 *   <li>{@code PATH.rec}: an insightface pack (with its .idx and property);</li>
 *   <li>{@code PATH.tar}, {@code PATH.tar.gz} or {@code PATH.tgz}, optionally {@code !PREFIX} (e.g.
 *       {@code cifar10-jpeg.tar.gz!train/}): an image folder inside an archive;</li>
 *   <li>a folder holding {@code train-images-idx3-ubyte[.gz]}: MNIST-style IDX, {@code DIR!train} (default) or
 *       {@code DIR!test};</li>
 *   <li>any other folder: an image folder {@code root/<identity>/<image>}.</li>
 * </ul>
 * Output has {@code channels} channels (1 or 3).
 */
public final class DataSources {

    private DataSources() {}

    public static SampleSource open(String spec, int channels) throws IOException {
        return open(spec, channels, BadImagePolicy.FAIL);
    }

    public static SampleSource open(String spec, int channels, BadImagePolicy onBadImage) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("data: empty data specification");
        }
        if (spec.equals("synthetic") || spec.startsWith("synthetic:")) {
            return synthetic(spec, channels);
        }
        int bang = spec.indexOf('!');
        String location = bang < 0 ? spec : spec.substring(0, bang);
        String inner = bang < 0 ? "" : spec.substring(bang + 1);
        Path path = Path.of(location);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("data: no such file or folder: " + location);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        ImageOptions options = new ImageOptions(channels, onBadImage);
        if (Files.isDirectory(path)) {
            if (hasIdx(path)) {
                return IdxSource.openSplit(path, inner.isEmpty() ? "train" : inner.replace("/", ""), channels);
            }
            if (!inner.isEmpty()) {
                throw new IllegalArgumentException("data: '!" + inner + "' applies to archives and IDX folders; for an image "
                        + "folder give the sub-folder itself");
            }
            return ImageFolderSource.open(path, options);
        }
        if (name.endsWith(".rec")) {
            return RecordIoSource.open(path, channels);
        }
        if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return ImageArchiveSource.open(path, inner, options);
        }
        throw new IllegalArgumentException("data: cannot tell what " + location + " is (expected an image folder, a .tar/.tar.gz, "
                + "a .rec pack, an MNIST-style folder, or 'synthetic')");
    }

    private static boolean hasIdx(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().matches("(train|t10k)-images[-.]idx3-ubyte(\\.gz)?"));
        }
    }

    private static SyntheticFaces synthetic(String spec, int channels) {
        int[] values = {SyntheticFaces.DEFAULT_IDENTITIES, SyntheticFaces.DEFAULT_IMAGES_PER_IDENTITY, 32, 32, 42};
        if (spec.startsWith("synthetic:")) {
            String[] fields = spec.substring("synthetic:".length()).split(",");
            if (fields.length != 5) {
                throw new IllegalArgumentException("data: expected synthetic:IDENTITIES,IMAGES,HEIGHT,WIDTH,SEED, got '" + spec + "'");
            }
            for (int i = 0; i < 5; i++) {
                try {
                    values[i] = Integer.parseInt(fields[i].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("data: '" + fields[i] + "' in '" + spec + "' is not a whole number");
                }
            }
        }
        return new SyntheticFaces(values[0], values[1], channels, values[2], values[3], values[4]);
    }
}
