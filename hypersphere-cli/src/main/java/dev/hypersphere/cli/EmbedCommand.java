package dev.hypersphere.cli;

import dev.hypersphere.data.DataSources;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.recordio.RecordIoSource;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.io.Npy;
import dev.hypersphere.train.RateText;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hypersphere embed}: runs a trained model over a data set and writes the L2-normalised embeddings as a
 * float32 N×d {@code .npy}, with a rows file beside it ({@code NAME.tsv}: label TAB path, one line per row, the
 * format evaluation reads) and the feature norms before normalisation ({@code NAME.norms.npy}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed a data set with a trained model: writes OUT (.npy, N×d float32, L2-normalised), OUT's .tsv rows "
                + "file (label, path) and .norms.npy (norms before normalisation).")
final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "A run folder written by train or demo.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "An image folder, ARCHIVE.tar[.gz][!PREFIX/], an MNIST-style IDX folder [!train|!test], "
                    + "a .rec pack, or synthetic[:IDS,IMAGES,H,W,SEED].")
    String data;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the embeddings.")
    Path out;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "2", description = "Decoding threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--skip-bad-images", description = "Leave out files that do not decode (counted) instead of failing.")
    boolean skipBad;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out must end in .npy, got " + out);
        }
        try (Embedder embedder = Embedder.load(model);
             SampleSource samples = DataSources.open(data, embedder.preprocessing().channels(),
                     skipBad ? BadImagePolicy.SKIP : BadImagePolicy.FAIL);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("embed").setInitialMax(samples.size())
                     .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                     .setUnit(" images", 1).build()) {
            long started = System.nanoTime();
            // Our rate, not the bar's showSpeed(), whose fixed format reads ".4 images/s" below one a second.
            Embeddings e = embedder.embed(samples, batchSize, threads, done -> {
                bar.stepTo(done);
                bar.setExtraMessage(RateText.format(done / ((System.nanoTime() - started) / 1e9), "image"));
            });
            String base = out.getFileName().toString().replaceAll("\\.npy$", "");
            Npy.writeFloatMatrix(out, e.vectors(), e.size(), e.dim());
            Npy.writeFloatMatrix(out.resolveSibling(base + ".norms.npy"), e.norms(), e.size(), 1);
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < e.size(); i++) {
                rows.append(samples.classNames().get(e.labels()[i]).replace('\t', ' ')).append('\t')
                        .append(relative(name(samples, i))).append('\n');
            }
            AtomicFiles.writeString(out.resolveSibling(base + ".tsv"), rows.toString());
            bar.close();
            spec.commandLine().getOut().printf(Locale.ROOT, "%d embeddings of dimension %d -> %s (+ %s.tsv, %s.norms.npy)%n", e.size(), e.dim(),
                    out, base, base);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Paths inside the --data folder are written relative to it ('/'-separated), as the rows-file format prefers. */
    private String relative(String name) {
        Path root = Path.of(data).toAbsolutePath().normalize();
        Path path = Path.of(name).toAbsolutePath().normalize();
        return Files.isDirectory(root) && path.startsWith(root) ? root.relativize(path).toString().replace('\\', '/') : name;
    }

    /** A row's path: the file inside the folder or archive, the record key of a pack, else the sample's own name. */
    private static String name(SampleSource samples, int index) throws IOException {
        if (samples instanceof EncodedImageSource images) {
            return images.name(index);
        }
        if (samples instanceof RecordIoSource pack) {
            return "key:" + pack.key(index);
        }
        return samples.get(index).source();
    }
}
