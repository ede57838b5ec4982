package dev.hypersphere.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageEncoder;
import dev.hypersphere.data.image.ImageFolderSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.recordio.RecordIoPacker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hypersphere pack}: an image folder (or a tar of one) into an insightface training pack — PREFIX.rec,
 * PREFIX.idx, {@code property} and PREFIX.classes.tsv — written atomically, with a progress line on stderr.
 */
@Command(name = "pack",
        mixinStandardHelpOptions = true,
        description = "Pack an image folder DIR/<identity>/<image> (or a .tar/.tar.gz of one) into an insightface "
                + "RecordIO pack: PREFIX.rec, PREFIX.idx, 'property' (num_classes,height,width) and PREFIX.classes.tsv.")
final class PackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "Image folder root/<identity>/<image> (JPEG, PNG, GIF, BMP, PGM/PPM), or a .tar/.tar.gz of one.")
    Path images;

    @Option(names = "--prefix", paramLabel = "PATH", defaultValue = "",
            description = "Folder inside the archive that holds the class folders (e.g. train/).")
    String prefix;

    @Option(names = "--out", required = true, paramLabel = "PREFIX",
            description = "Output prefix: writes PREFIX.rec, PREFIX.idx, PREFIX.classes.tsv and 'property' beside them.")
    Path out;

    @Option(names = "--channels", defaultValue = "3", paramLabel = "C",
            description = "1 (grey) or 3 (RGB; default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--quality", defaultValue = "95", paramLabel = "Q",
            description = "JPEG quality 1..100 (default ${DEFAULT-VALUE}, insightface's).")
    int quality;

    @Option(names = "--encoding", defaultValue = "jpeg", paramLabel = "FORMAT",
            description = "Image encoding in the pack: jpeg (default) or png (lossless).")
    String encoding;

    @Option(names = "--size", paramLabel = "H,W", split = ",",
            description = "Resize every image to H×W (bilinear); without it all images must have one size.")
    List<Integer> size;

    @Option(names = "--on-bad-image", defaultValue = "fail", paramLabel = "POLICY",
            description = "fail (default: stop, naming the file) or skip (leave it out and count it).")
    String onBadImage;

    @Option(names = "--threads", paramLabel = "N",
            description = "Decoding/encoding threads (default: the number of processors).")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        RecordIoPacker.Options options = options();
        if (!Files.exists(images)) {
            throw new IllegalArgumentException("--images: no such folder or archive: " + images);
        }
        if (!prefix.isEmpty() && Files.isDirectory(images)) {
            throw new IllegalArgumentException("--prefix applies to archives only; for a folder, give the sub-folder to --images");
        }
        Path outFolder = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out is a prefix, not a folder: use e.g. " + out.resolve("train"));
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        RecordIoPacker.Result result;
        try {
            ImageOptions listing = ImageOptions.of(channels);   // bad files are handled by the packer's own policy
            EncodedImageSource source = Files.isDirectory(images) ? ImageFolderSource.open(images, listing)
                    : ImageArchiveSource.open(images, prefix, listing);
            Files.createDirectories(outFolder);
            try (ProgressLine progress = new ProgressLine(err, "pack", "image")) {
                result = RecordIoPacker.pack(source, out, options, progress::update);
            }
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);   // a bad input file is the user's input
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("rec", result.rec().toString());
            doc.put("idx", result.idx().toString());
            doc.put("property", result.property().toString());
            doc.put("classes_file", result.classes().toString());
            doc.put("images", result.images());
            doc.put("classes", result.numClasses());
            doc.put("height", result.height());
            doc.put("width", result.width());
            doc.put("channels", channels);
            doc.put("encoding", options.encoding().name().toLowerCase(Locale.ROOT));
            doc.put("quality", quality);
            doc.put("skipped", result.skipped().size());
            doc.put("skipped_files", result.skipped());
            doc.put("rec_bytes", result.recBytes());
            doc.put("seconds", seconds);
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            stdout.printf(Locale.ROOT, "packed %d images of %d classes (%d×%d, %d channel%s, %s) into %s (%.1f MB), %s, %s, %s in %s%n",
                    result.images(), result.numClasses(), result.height(), result.width(), channels, channels == 1 ? "" : "s",
                    options.encoding() == ImageEncoder.Encoding.JPEG ? "JPEG quality " + quality : "PNG",
                    result.rec(), result.recBytes() / 1e6, result.idx().getFileName(), result.property().getFileName(),
                    result.classes().getFileName(), ProgressLine.duration(seconds));
            if (!result.skipped().isEmpty()) {
                stdout.printf(Locale.ROOT, "skipped %d unreadable image%s:%n", result.skipped().size(),
                        result.skipped().size() == 1 ? "" : "s");
                result.skipped().stream().limit(20).forEach(s -> stdout.println("  " + s));
                if (result.skipped().size() > 20) {
                    stdout.println("  … (" + (result.skipped().size() - 20) + " more; --json lists all)");
                }
            }
        }
        stdout.flush();
        return 0;
    }

    private RecordIoPacker.Options options() {
        BadImagePolicy policy = switch (onBadImage.toLowerCase(Locale.ROOT)) {
            case "fail" -> BadImagePolicy.FAIL;
            case "skip" -> BadImagePolicy.SKIP;
            default -> throw new IllegalArgumentException("--on-bad-image must be fail or skip, got '" + onBadImage + "'");
        };
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("--channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("--quality must be in [1, 100], got " + quality);
        }
        int height = 0;
        int width = 0;
        if (size != null) {
            if (size.size() != 2 || size.get(0) < 1 || size.get(1) < 1) {
                throw new IllegalArgumentException("--size takes two positive numbers H,W (e.g. 112,112), got " + size);
            }
            height = size.get(0);
            width = size.get(1);
        }
        int threadCount = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        if (threadCount < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threadCount);
        }
        return new RecordIoPacker.Options(channels, parseEncoding(), quality, height, width, policy, threadCount);
    }

    private ImageEncoder.Encoding parseEncoding() {
        try {
            return ImageEncoder.Encoding.parse(encoding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoding must be jpeg or png, got '" + encoding + "'");
        }
    }
}
