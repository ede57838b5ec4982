package dev.hypersphere.train.setup;

import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.idx.IdxSource;
import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageFolderSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.recordio.RecordIoSource;
import dev.hypersphere.data.noise.LabelNoise;
import dev.hypersphere.data.split.Splits;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.data.transform.Preprocessing;
import dev.hypersphere.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;

/**
 * Opens a run's data as its config describes it: the training source, the held-out source used for validation
 * (another part of a split, or a separate test set), and the training preprocessing.
 *
 * @param unseenIdentities whether no held-out identity is a training identity (an identity split, or a separate
 *                         test set whose class names are all new), i.e. whether verification on it is open-set
 */
public record DataSetup(SampleSource train, SampleSource heldOut, Preprocessing preprocessing, SampleSource opened,
                        boolean unseenIdentities) implements AutoCloseable {

    public static DataSetup open(TrainConfig.Data data) throws IOException {
        String source = data.source().toLowerCase(Locale.ROOT);
        SampleSource all = openSource(source, data.path(), data.prefix(), data);
        SampleSource train;
        SampleSource heldOut;
        boolean unseen;
        switch (data.split().toLowerCase(Locale.ROOT)) {
            case "identity" -> {
                Splits.Split split = Splits.byIdentity(all, data.testFraction(), data.seed());
                train = split.train();
                heldOut = split.test();
                unseen = true;
            }
            case "identity-folds" -> {
                Splits.Split split = Splits.byIdentityFold(all, data.folds(), data.fold(), data.seed());
                train = split.train();
                heldOut = split.test();
                unseen = true;
            }
            case "sample" -> {
                Splits.Split split = Splits.bySample(all, data.testFraction(), data.seed());
                train = split.train();
                heldOut = split.test();
                unseen = false;
            }
            case "none" -> {
                train = all;
                heldOut = openTestSet(source, data, all);
                // A separate test set is open-set only if it shares no identity (class name) with training.
                unseen = heldOut != all && Collections.disjoint(all.classNames(), heldOut.classNames());
            }
            default -> throw new IllegalArgumentException("data.split must be identity, identity-folds, sample or none; got '"
                    + data.split() + "'");
        }
        if (data.labelNoise() > 0) {
            train = new LabelNoise(train, data.labelNoise(), data.seed());
        }
        return new DataSetup(train, heldOut, preprocessing(data), all, unseen);
    }

    /** insightface's training preprocessing, with the config's flip, crop and jitter. */
    public static Preprocessing preprocessing(TrainConfig.Data data) {
        Preprocessing p = Preprocessing.insightface(data.channels(), data.height(), data.width())
                .withFlipProbability(data.flip());
        if (data.cropScaleMin() < 1) {
            p = p.withCrop(new Preprocessing.Crop(data.cropScaleMin(), 1.0, 3.0 / 4, 4.0 / 3));
        }
        if (data.jitter() > 0) {
            p = p.withJitter(new Preprocessing.Jitter(data.jitter(), data.jitter(), data.jitter()));
        }
        return p;
    }

    /**
     * The test set of split none. Without data.test-path it defaults to data.path (as defaults.yaml says): an IDX
     * folder's t10k part, an archive's data.test-prefix, or else the training samples themselves ({@code all}),
     * which the validation then reports as verification on training identities.
     */
    private static SampleSource openTestSet(String source, TrainConfig.Data data, SampleSource all) throws IOException {
        if (source.equals("idx") && data.testPath().isBlank()) {
            return IdxSource.openSplit(requirePath(data.path(), "data.path"), "t10k", data.channels());
        }
        if (source.equals("archive") && data.testPath().isBlank() && !data.testPrefix().isBlank()) {
            return openSource(source, data.path(), data.testPrefix(), data);
        }
        if (data.testPath().isBlank()) {
            return all;   // opened once: the same samples, not a second copy of an archive in memory
        }
        if (source.equals("idx")) {
            return IdxSource.openSplit(requirePath(data.testPath(), "data.test-path"), "t10k", data.channels());
        }
        return openSource(source, data.testPath(), data.testPrefix(), data);
    }

    static SampleSource openSource(String source, String path, String prefix, TrainConfig.Data data) throws IOException {
        ImageOptions options = ImageOptions.of(data.channels()).withPolicy(policy(data.onBadImage()));
        return switch (source) {
            case "synthetic" -> new SyntheticFaces(data.identities(), data.imagesPerIdentity(), data.channels(),
                    data.height(), data.width(), data.seed());
            case "folder" -> ImageFolderSource.open(requirePath(path, "data.path"), options);
            case "archive" -> ImageArchiveSource.open(requirePath(path, "data.path"), prefix, options);
            case "idx" -> IdxSource.openSplit(requirePath(path, "data.path"), "train", data.channels());
            case "recordio" -> RecordIoSource.open(requirePath(path, "data.path"), data.channels());
            default -> throw new IllegalArgumentException("data.source must be synthetic, folder, archive, idx or recordio; got '"
                    + source + "'");
        };
    }

    private static BadImagePolicy policy(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "fail" -> BadImagePolicy.FAIL;
            case "skip" -> BadImagePolicy.SKIP;
            default -> throw new IllegalArgumentException("data.on-bad-image must be fail or skip; got '" + text + "'");
        };
    }

    private static Path requirePath(String path, String key) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(key + " must name the data (a folder, archive, IDX folder or .rec file)");
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(key + ": " + path + " does not exist");
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        opened.close();
        if (heldOut != opened && !(heldOut instanceof dev.hypersphere.data.split.SubsetSource)) {
            heldOut.close();
        }
    }
}
