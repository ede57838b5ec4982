package dev.hypersphere.face.pack;

import dev.hypersphere.data.image.BadImagePolicy;
import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.image.ImageEncoder;
import dev.hypersphere.data.recordio.RecordIoPacker;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code face pack}: photos in identity folders → detected, chosen and aligned faces → an insightface RecordIO pack
 * ({@code PREFIX.rec}, {@code .idx}, {@code property}, {@code .classes.tsv}) or an image folder
 * ({@code OUT/<identity>/<photo>.png}), with {@code OUT.landmarks.tsv} (every photo: outcome, box, five landmarks) and
 * {@code OUT.report.json}/{@code .md} (counts and every photo left out, by reason). The data preparation of
 * insightface's alignment scripts plus {@code face2rec2.py}, in one pass.
 */
public final class FacePacker {

    /** What the pack is written as. */
    public enum Format {
        RECORDIO, FOLDER;

        public static Format parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "rec", "recordio" -> RECORDIO;
                case "folder" -> FOLDER;
                default -> throw new IllegalArgumentException("--format must be rec or folder, got '" + text + "'");
            };
        }
    }

    /** Progress of the two passes. */
    public interface Listener {
        /** Photos detected and aligned so far, of {@code total}. */
        void aligned(int done, int total);

        /** Crops written so far, of {@code total}. */
        void written(int done, int total);
    }

    /** A finished pack: every photo with its outcome, where things were written, how long it took. */
    public record Result(List<CroppedPhoto> photos, List<String> classNames, Path output, List<Path> files,
                         FacePackReport report) {}

    private FacePacker() {}

    /**
     * Packs {@code source}; nothing is written when the alignment pass fails, and each output file appears
     * complete or not at all.
     *
     * @param quality JPEG quality of a RecordIO pack's crops (a folder is written as lossless PNG)
     */
    public static Result pack(EncodedImageSource source, String sourceName, Path out, Format format, FacePackOptions options,
            int quality, Listener listener) throws IOException {
        long start = System.nanoTime();
        int total = source.size();
        List<CroppedPhoto> photos = new ArrayList<>(FaceCropper.crop(source, options, done -> listener.aligned(done, total)));
        double alignSeconds = (System.nanoTime() - start) / 1e9;
        dropSmallIdentities(photos, source.numClasses(), options.minImages());
        List<CroppedPhoto> packed = photos.stream().filter(p -> p.outcome() == PackOutcome.PACKED).toList();
        if (packed.isEmpty()) {
            throw new IllegalArgumentException(sourceName + ": no face could be packed from " + total + " photos ("
                    + FacePackReport.summary(photos) + ")");
        }
        List<Path> files = new ArrayList<>();
        if (format == Format.RECORDIO) {
            RecordIoPacker.Options packing = RecordIoPacker.Options.defaults().withQuality(quality)
                    .withPolicy(BadImagePolicy.FAIL).withThreads(options.threads());
            RecordIoPacker.Result result = RecordIoPacker.pack(
                    new AlignedFaceSource(packed, source.classNames(), options.height(), options.width()), out, packing,
                    listener::written);
            files.addAll(List.of(result.rec(), result.idx(), result.property(), result.classes()));
        } else {
            writeFolder(packed, source.classNames(), out, options, listener);
            files.add(out.toAbsolutePath());
        }
        Path landmarks = sibling(out, ".landmarks.tsv");
        AtomicFiles.writeString(landmarks, LandmarksTable.format(photos, source.classNames()));
        files.add(landmarks);
        double seconds = (System.nanoTime() - start) / 1e9;
        FacePackReport report = new FacePackReport(sourceName, out.toAbsolutePath().toString(), format, options, quality,
                photos, source.classNames(), files.stream().map(Path::toString).toList(), alignSeconds, seconds);
        Path json = sibling(out, ".report.json");
        Path markdown = sibling(out, ".report.md");
        AtomicFiles.writeString(json, report.json());
        AtomicFiles.writeString(markdown, report.markdown());
        files.add(json);
        files.add(markdown);
        return new Result(List.copyOf(photos), source.classNames(), out.toAbsolutePath(), List.copyOf(files), report);
    }

    /** {@code OUT} + suffix beside it ({@code train} → {@code train.report.json}). */
    public static Path sibling(Path out, String suffix) {
        Path absolute = out.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + suffix);
    }

    /** Marks the packed photos of identities left with fewer than {@code minImages} as dropped. */
    static void dropSmallIdentities(List<CroppedPhoto> photos, int classes, int minImages) {
        int[] count = new int[classes];
        for (CroppedPhoto p : photos) {
            if (p.outcome() == PackOutcome.PACKED) {
                count[p.label()]++;
            }
        }
        for (int i = 0; i < photos.size(); i++) {
            CroppedPhoto p = photos.get(i);
            if (p.outcome() == PackOutcome.PACKED && count[p.label()] < minImages) {
                photos.set(i, p.as(PackOutcome.IDENTITY_DROPPED, "identity has " + count[p.label()] + " aligned face"
                        + (count[p.label()] == 1 ? "" : "s") + ", fewer than " + minImages));
            }
        }
    }

    /** OUT/<identity>/<photo stem>.png, written into a temporary folder beside OUT and renamed when complete. */
    private static void writeFolder(List<CroppedPhoto> packed, List<String> classNames, Path out, FacePackOptions options,
            Listener listener) throws IOException {
        Path target = out.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException(out + " already exists: give a new folder for --out");
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            int done = 0;
            for (CroppedPhoto photo : packed) {
                Path folder = temporary.resolve(safe(classNames.get(photo.label())));
                Files.createDirectories(folder);
                Path file = folder.resolve(stem(photo.name()) + ".png");
                if (Files.exists(file)) {
                    throw new IllegalArgumentException(photo.name() + ": another photo of this identity has the same name "
                            + "before its ending; rename one");
                }
                Files.write(file, ImageEncoder.encode(new DecodedImage(pixels(photo.crop()), 3, options.height(),
                        options.width()), ImageEncoder.Encoding.PNG, 100));
                listener.written(++done, packed.size());
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(temporary);
            throw e;
        }
    }

    private static float[] pixels(byte[] crop) {
        float[] out = new float[crop.length];
        for (int i = 0; i < crop.length; i++) {
            out[i] = crop[i] & 0xff;
        }
        return out;
    }

    /** The file name without folders and ending. */
    static String stem(String name) {
        String file = name.substring(Math.max(name.lastIndexOf('/'), Math.max(name.lastIndexOf('\\'), name.lastIndexOf('!'))) + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static String safe(String identity) {
        if (identity.isEmpty() || identity.equals(".") || identity.equals("..") || identity.contains("/") || identity.contains("\\")) {
            throw new IllegalArgumentException("identity folder name '" + identity + "' cannot be written as a folder");
        }
        return identity;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a partial folder has a name that marks it as such
        }
    }
}
