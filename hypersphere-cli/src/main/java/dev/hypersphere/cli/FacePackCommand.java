package dev.hypersphere.cli;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.image.ImageSets;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.pack.FacePackOptions;
import dev.hypersphere.face.pack.FacePacker;
import dev.hypersphere.face.pack.PackOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hypersphere face pack}: photos in identity folders → YuNet → one face per photo → 5-point alignment → an
 * insightface RecordIO pack or an image folder, with the landmarks of every photo and a report of what was left out.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {"Turn photos in identity folders (DIR/<identity>/<photo>, or a .tar/.tar.gz of one) into aligned "
                + "face crops for training: detect (YuNet), choose one face per photo, align its five landmarks to the "
                + "template, and write an insightface RecordIO pack (OUT.rec, OUT.idx, property, OUT.classes.tsv; "
                + "readable by insightface's MXFaceDataset) or an image folder (OUT/<identity>/<photo>.png).",
                "Also writes OUT.landmarks.tsv (every photo: outcome, box, landmarks) and OUT.report.json / .md "
                + "(photos read, faces found, and every photo left out by reason: no face, several faces, too small, "
                + "undecodable, identity with fewer than --min-images)."})
final class FacePackCommand implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR|TAR",
            description = "Photos: a folder of identity folders, or a .tar/.tar.gz of one (a single wrapping folder is entered).")
    Path images;

    @Option(names = "--prefix", defaultValue = "", paramLabel = "PATH",
            description = "Folder inside the archive that holds the identity folders (default: found).")
    String prefix;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "RecordIO: the prefix (OUT.rec …); folder: a new folder. Reports are written as OUT.report.json/.md.")
    Path out;

    @Option(names = "--format", defaultValue = "rec", paramLabel = "rec|folder",
            description = "rec (insightface RecordIO, JPEG crops) or folder (PNG crops). Default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--detector", paramLabel = "PATH",
            description = "YuNet model (.onnx). Default: $" + FacePipelineMixin.DETECTOR_SETTING + ".")
    Path detector;

    @Option(names = "--faces", defaultValue = "central", paramLabel = "POLICY",
            description = "Several faces in one photo: central (nearest the centre; photos of one person), largest, "
                    + "or fail (leave the photo out). Default ${DEFAULT-VALUE}.")
    String faces;

    @Option(names = "--score-threshold", defaultValue = "0.6", paramLabel = "S",
            description = "Detections scoring below S are not faces (default ${DEFAULT-VALUE}).")
    float scoreThreshold;

    @Option(names = "--template", defaultValue = "arcface-112x112", paramLabel = "NAME",
            description = "Alignment template: arcface-112x112 or sphereface-112x96 (default ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--size", paramLabel = "H,W", split = ",",
            description = "Crop size; the template is scaled to it (default: the template's own, e.g. 112,112).")
    List<Integer> size;

    @Option(names = "--min-face", defaultValue = "20", paramLabel = "PX",
            description = "A face whose box's shorter side is below PX pixels is too small (default ${DEFAULT-VALUE}).")
    int minFace;

    @Option(names = "--min-images", defaultValue = "2", paramLabel = "N",
            description = "Drop identities left with fewer than N aligned faces (default ${DEFAULT-VALUE}; 1 keeps all).")
    int minImages;

    @Option(names = "--max-side", defaultValue = "" + FacePackOptions.DEFAULT_MAX_SIDE, paramLabel = "PX",
            description = "Photos with a longer side above PX are subsampled while decoding (default ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--quality", defaultValue = "95", paramLabel = "Q",
            description = "JPEG quality of the crops in a RecordIO pack (default ${DEFAULT-VALUE}, insightface's).")
    int quality;

    @Option(names = "--threads", paramLabel = "N", description = "Parallel workers (default: the number of processors).")
    Integer threads;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        FacePacker.Format chosenFormat = FacePacker.Format.parse(format);
        FaceTemplate crop = FaceTemplate.parse(template);
        int height = crop.height();
        int width = crop.width();
        if (size != null) {
            if (size.size() != 2 || size.get(0) < 8 || size.get(1) < 8) {
                throw new IllegalArgumentException("--size takes two numbers H,W of at least 8 (e.g. 64,64), got " + size);
            }
            height = size.get(0);
            width = size.get(1);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("--quality must be in [1, 100], got " + quality);
        }
        Path model = detector != null ? detector : FaceDetectCommand.envDetector();
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("--detector: no such file: " + model);
        }
        int workers = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        FacePackOptions options = new FacePackOptions(model, MultiFacePolicy.parse(faces), scoreThreshold, crop.id(), height,
                width, minFace, minImages, maxSide, workers);
        if (!Files.exists(images)) {
            throw new IllegalArgumentException("--images: no such folder or archive: " + images);
        }
        if (chosenFormat == FacePacker.Format.RECORDIO && Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out is a prefix for a RecordIO pack, not a folder: use e.g. " + out.resolve("train"));
        }
        if (chosenFormat == FacePacker.Format.FOLDER && Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " already exists: give a new folder");
        }
        PrintWriter err = spec.commandLine().getErr();
        FacePacker.Result result;
        try {
            EncodedImageSource source = ImageSets.open(images, prefix, ImageOptions.rgb());
            Files.createDirectories(out.toAbsolutePath().getParent());
            ProgressLine[] writing = new ProgressLine[1];   // started when writing starts, so its rate and ETA are its own
            try (ProgressLine aligning = new ProgressLine(err, "face pack: align", "photo")) {
                result = FacePacker.pack(source, images.toString(), out, chosenFormat, options, quality, new FacePacker.Listener() {
                    @Override
                    public void aligned(int done, int total) {
                        aligning.update(done, total);
                    }

                    @Override
                    public void written(int done, int total) {
                        if (writing[0] == null) {
                            writing[0] = new ProgressLine(err, "face pack: write", "face");
                        }
                        writing[0].update(done, total);
                    }
                });
            } finally {
                if (writing[0] != null) {
                    writing[0].close();
                }
            }
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);   // a bad input file is the user's input
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.print(result.report().json());
        } else {
            Map<String, Integer> c = result.report().counts();
            stdout.printf(Locale.ROOT, "packed %d faces of %d identities (%d×%d, %s) from %d photos in %s (%.1f photos/s)%n",
                    c.get("packed"), c.get("identities_packed"), height, width, crop.id(), c.get("photos"),
                    ProgressLine.duration(result.report().seconds()), result.report().photosPerSecond());
            stdout.printf(Locale.ROOT, "left out: no face %d, several faces %d, too small %d, undecodable %d, "
                            + "in identities with fewer than %d faces %d (%d identities); several faces, %s kept: %d%n",
                    c.get("no_face"), c.get("several_faces"), c.get("too_small"), c.get("undecodable"), minImages,
                    c.get("identity_dropped"), c.get("identities_dropped"), faces, c.get("several_faces_kept"));
            for (PackOutcome o : List.of(PackOutcome.UNDECODABLE, PackOutcome.NO_FACE, PackOutcome.SEVERAL_FACES, PackOutcome.TOO_SMALL)) {
                List<String> named = result.report().photos(o);
                named.stream().limit(5).forEach(p -> stdout.println("  " + o.key().replace('_', ' ') + ": " + p));
                if (named.size() > 5) {
                    stdout.println("  … " + (named.size() - 5) + " more " + o.key().replace('_', ' ') + " in the report");
                }
            }
            result.files().forEach(f -> stdout.println("wrote " + f));
        }
        stdout.flush();
        return 0;
    }
}
