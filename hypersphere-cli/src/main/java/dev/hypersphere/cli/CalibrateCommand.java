package dev.hypersphere.cli;

import dev.hypersphere.eval.io.PairList;
import dev.hypersphere.eval.io.PairsFile;
import dev.hypersphere.eval.io.RowsFile;
import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.search.calibrate.Calibration;
import dev.hypersphere.search.calibrate.ModelCalibration;
import dev.hypersphere.search.calibrate.ThresholdCalibrator;
import dev.hypersphere.search.gallery.Gallery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypersphere calibrate}: the cosine threshold for a target false accept rate, stored for verify and identify. */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {"Chooses the verification threshold for a target FAR: the lowest cosine at which the measured FAR "
                + "on different-identity pairs stays within --far (the highest TAR there).",
                "Scores from a report of 'hypersphere eval verify' (--report), or from --pairs FILE over an image folder "
                + "--images DIR (root/<identity>/<image>) embedded through the face pipeline.",
                "Stored (threshold, FAR target, FAR and TAR reached, source, date) next to the model (default), in a gallery "
                + "(--gallery DIR), or both (--save both); verify and identify then state the FAR they decide at."})
final class CalibrateCommand implements Callable<Integer> {

    private static final List<String> IMAGE_TYPES = List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".pgm", ".ppm", ".pnm");

    @Spec
    CommandSpec spec;

    @Option(names = "--far", required = true, paramLabel = "FAR", description = "Target false accept rate, e.g. 1e-3.")
    double far;

    @Option(names = "--report", paramLabel = "PATH", description = "report.json of 'hypersphere eval verify' (or its folder).")
    Path report;

    @Option(names = "--pairs", paramLabel = "FILE", description = "Pairs: LFW pairs.txt, 'i j same [fold]' lines, or builtin:orl (with --images).")
    String pairs;

    @Option(names = "--images", paramLabel = "DIR", description = "Image folder root/<identity>/<image> the pairs name (with --pairs).")
    Path imagesDir;

    @Option(names = "--gallery", paramLabel = "DIR", description = "Store the calibration in this gallery (built with the same model).")
    Path gallery;

    @Option(names = "--save", paramLabel = "WHERE",
            description = "model, gallery or both (default: gallery with --gallery, else model).")
    String save;

    @Mixin
    FacePipelineMixin face;

    @Option(names = "--json", description = "Print the calibration as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if ((report == null) == (pairs == null)) {
            throw new IllegalArgumentException("give either --report FILE or --pairs FILE --images DIR");
        }
        if (pairs != null && imagesDir == null) {
            throw new IllegalArgumentException("--pairs needs --images DIR: the image folder the pairs name");
        }
        String where = save != null ? save.toLowerCase(Locale.ROOT) : gallery != null ? "gallery" : "model";
        if (!List.of("model", "gallery", "both").contains(where)) {
            throw new IllegalArgumentException("--save must be model, gallery or both, got '" + save + "'");
        }
        if (!where.equals("model") && gallery == null) {
            throw new IllegalArgumentException("--save " + where + " needs --gallery DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        Calibration calibration;
        List<String> stored = new ArrayList<>();
        try (FacePipeline pipeline = FacePipeline.open(face.options())) {
            Gallery target = null;
            if (gallery != null) {
                target = Gallery.open(gallery);
                target.requireModel(pipeline.modelId(), pipeline.dim());
            }
            calibration = report != null
                    ? ThresholdCalibrator.fromReport(report, far, pipeline.modelId())
                    : fromImages(pipeline);
            if (!where.equals("gallery")) {
                ModelCalibration.write(face.options().embedder(), calibration);
                stored.add(ModelCalibration.fileFor(face.options().embedder()).toString());
            }
            if (target != null && !where.equals("model")) {
                target.setCalibration(calibration);
                stored.add(gallery.resolve("gallery.json").toString());
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>(calibration.toJson());
            doc.put("stored_in", stored);
            out.println(Reports.toJson(doc));
        } else {
            out.printf(Locale.ROOT, "threshold %.4f for FAR %s: FAR reached %.3g, TAR %.2f%% on %d same and %d different pairs%n",
                    calibration.threshold(), far, calibration.farAchieved(), 100 * calibration.tar(), calibration.positives(),
                    calibration.negatives());
            out.println("source: " + calibration.source());
            out.println("stored in: " + String.join(", ", stored));
        }
        out.flush();
        return 0;
    }

    /** Embeds the images the pairs use and calibrates on their cosines; pairs with a faceless image are left out. */
    private Calibration fromImages(FacePipeline pipeline) throws IOException {
        if (!Files.isDirectory(imagesDir)) {
            throw new IllegalArgumentException(imagesDir + ": not a folder (expected root/<identity>/<image>)");
        }
        List<String> relative = listImages(imagesDir);
        if (relative.isEmpty()) {
            throw new IllegalArgumentException(imagesDir + ": no images (" + String.join(", ", IMAGE_TYPES) + ") found");
        }
        List<String> labels = new ArrayList<>();
        for (String r : relative) {
            labels.add(r.contains("/") ? r.substring(0, r.indexOf('/')) : "");
        }
        PairList list;
        try {
            list = PairsFile.read(pairs, new RowsFile(labels, relative), relative.size());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(pairs + ": pairs file not found");
        }
        PrintWriter err = spec.commandLine().getErr();
        list.warnings().forEach(w -> err.println("hypersphere: warning: " + w));
        TreeSet<Integer> used = new TreeSet<>();
        for (int p = 0; p < list.size(); p++) {
            used.add(list.left()[p]);
            used.add(list.right()[p]);
        }
        List<Integer> rows = new ArrayList<>(used);
        List<Path> files = rows.stream().map(r -> imagesDir.resolve(relative.get(r))).toList();
        List<FaceAnalysis> analyses = FaceImages.analyze(pipeline, files, err);
        float[][] embedding = new float[relative.size()][];
        int faceless = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<dev.hypersphere.face.Face> faces = analyses.get(i).faces();
            if (faces.isEmpty()) {
                faceless++;
            } else {
                embedding[rows.get(i)] = faces.get(0).embedding();
            }
        }
        List<Double> scores = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        for (int p = 0; p < list.size(); p++) {
            float[] a = embedding[list.left()[p]];
            float[] b = embedding[list.right()[p]];
            if (a != null && b != null) {
                scores.add(FaceImages.cosine(a, b));
                same.add(list.same()[p]);
            }
        }
        int dropped = list.size() - scores.size();
        if (dropped > 0) {
            err.println("hypersphere: warning: no face found in " + faceless + " image(s): " + dropped + " of " + list.size()
                    + " pairs left out");
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] labelsSame = new boolean[same.size()];
        for (int i = 0; i < labelsSame.length; i++) {
            labelsSame[i] = same.get(i);
        }
        String source = "pairs " + pairs + " on " + imagesDir + " (" + s.length + " pairs" + (dropped > 0 ? ", " + dropped + " without a face left out" : "") + ")";
        return ThresholdCalibrator.fromScores(s, labelsSame, far, source, pipeline.modelId());
    }

    /** Image files under {@code root}, as '/'-separated relative paths in name order. */
    static List<String> listImages(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> IMAGE_TYPES.stream().anyMatch(t -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(t)))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
