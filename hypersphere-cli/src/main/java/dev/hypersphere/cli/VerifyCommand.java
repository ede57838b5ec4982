package dev.hypersphere.cli;

import dev.hypersphere.eval.report.Reports;
import dev.hypersphere.face.Face;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.search.calibrate.ModelCalibration;
import dev.hypersphere.search.calibrate.OperatingThreshold;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hypersphere verify}: are two photos of the same person. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Compares the faces of two photos: their cosine similarity and the decision 'same' when it reaches "
                + "the model's calibrated threshold (hypersphere calibrate --model), else 'different'.",
                "Uncalibrated, the default threshold " + OperatingThreshold.DEFAULT_THRESHOLD + " is used and said to be "
                + "uncalibrated. With --faces all, the best-matching pair of faces counts. A photo without a face gives "
                + "'no face found' and no decision."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE_A", description = "First photo.")
    Path imageA;

    @Parameters(index = "1", paramLabel = "IMAGE_B", description = "Second photo.")
    Path imageB;

    @Mixin
    FacePipelineMixin face;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> doc = new LinkedHashMap<>();
        try (FacePipeline pipeline = FacePipeline.open(face.options())) {
            OperatingThreshold threshold = OperatingThreshold.choose(null, null,
                    ModelCalibration.read(face.options().embedder(), pipeline.modelId()),
                    ModelCalibration.fileFor(face.options().embedder()).toString());
            List<FaceAnalysis> both = FaceImages.analyze(pipeline, List.of(imageA, imageB), spec.commandLine().getErr());
            doc.put("image_a", imageA.toString());
            doc.put("image_b", imageB.toString());
            doc.put("model_id", pipeline.modelId());
            doc.put("threshold", threshold.toJson());
            StringBuilder missing = new StringBuilder();
            for (FaceAnalysis a : both) {
                if (a.faces().isEmpty()) {
                    missing.append(missing.length() == 0 ? "" : "; ").append(FaceImages.noFace(a.image()));
                }
            }
            if (missing.length() > 0) {
                doc.put("decision", null);
                doc.put("message", missing.toString());
                if (!json) {
                    out.println(missing + ": no decision");
                }
            } else {
                Face bestA = null;
                Face bestB = null;
                double best = Double.NEGATIVE_INFINITY;
                for (Face a : both.get(0).faces()) {
                    for (Face b : both.get(1).faces()) {
                        double c = FaceImages.cosine(a.embedding(), b.embedding());
                        if (c > best) {
                            best = c;
                            bestA = a;
                            bestB = b;
                        }
                    }
                }
                boolean same = threshold.accepts(best);
                doc.put("cosine", best);
                doc.put("decision", same ? "same" : "different");
                doc.put("face_a", FaceImages.faceJson(bestA));
                doc.put("face_b", FaceImages.faceJson(bestB));
                if (!json) {
                    out.printf(Locale.ROOT, "%s: cosine %.4f %s threshold %.4f%n", same ? "same person" : "different people",
                            best, same ? ">=" : "<", threshold.threshold());
                    out.println("threshold: " + threshold.describe());
                }
            }
        }
        if (json) {
            out.println(Reports.toJson(doc));
        }
        out.flush();
        return 0;
    }
}
