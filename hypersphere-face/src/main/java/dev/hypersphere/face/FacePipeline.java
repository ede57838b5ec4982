package dev.hypersphere.face;

import dev.hypersphere.face.align.CentreCrop;
import dev.hypersphere.face.align.FaceAligner;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.detect.FaceDetector;
import dev.hypersphere.face.detect.YuNetDetector;
import dev.hypersphere.face.embed.FaceEmbedder;
import dev.hypersphere.face.embed.FaceEmbedders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Images in, face embeddings out: detect (YuNet) → pick faces by the {@link MultiFacePolicy} → align the five
 * landmarks to the template (similarity transform) → resample the crop at the embedder's input size (channels: grey
 * models get the mean of R, G and B) → embed (optionally with the mirror image added) → L2-normalise. Without a
 * detector every image is taken as a face crop and resized whole. Not thread-safe: one pipeline per thread.
 */
public final class FacePipeline implements AutoCloseable {

    /** Crops embedded per model call in {@link #analyzeAll}. */
    static final int BATCH = 32;

    private final FacePipelineOptions options;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final FaceTemplate template;

    FacePipeline(FacePipelineOptions options, FaceDetector detector, FaceEmbedder embedder) {
        this.options = options;
        this.detector = detector;
        this.embedder = embedder;
        this.template = FaceTemplate.parse(options.template());
    }

    public static FacePipeline open(FacePipelineOptions options) throws IOException {
        return open(options, 0);
    }

    /**
     * A pipeline whose ONNX Runtime sessions (detector, ONNX embedder) use {@code threads} intra-op threads (0: ONNX
     * Runtime's default, one per core). Several pipelines working side by side want 1 each: sessions that each
     * spread over every core only fight for them. Run-folder embedders use the engine's setting.
     */
    public static FacePipeline open(FacePipelineOptions options, int threads) throws IOException {
        FaceEmbedder embedder = FaceEmbedders.open(options.embedder(), threads);
        try {
            FaceDetector detector = options.detector() == null ? null
                    : YuNetDetector.open(options.detector(), YuNetDetector.Options.defaults().withThreads(threads));
            return new FacePipeline(options, detector, embedder);
        } catch (IOException | RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    public FacePipelineOptions options() {
        return options;
    }

    /** Detect → align → embed one image, the policy applied ({@code FAIL} with several faces → IllegalArgumentException). */
    public FaceAnalysis analyze(Path image) throws IOException {
        return analyzeAll(List.of(image), null).get(0);
    }

    /**
     * {@link #analyze} for many images, the crops of several images embedded together ({@value #BATCH} per call).
     *
     * @param progress told the number of images finished, after each batch (may be null)
     */
    public List<FaceAnalysis> analyzeAll(List<Path> images, LongConsumer progress) throws IOException {
        List<FaceAnalysis> results = new ArrayList<>(images.size());
        List<Pending> pending = new ArrayList<>();
        int pendingCrops = 0;
        for (Path image : images) {
            Pending p = prepare(image);
            pending.add(p);
            pendingCrops += p.crops.size();
            if (pendingCrops >= BATCH) {
                flush(pending, results);
                pendingCrops = 0;
                if (progress != null) {
                    progress.accept(results.size());
                }
            }
        }
        flush(pending, results);
        if (progress != null) {
            progress.accept(results.size());
        }
        return results;
    }

    /** The faces of one image (chosen by the policy) and their crops, ready for the embedder. */
    public List<AlignedFace> crops(Path image) throws IOException {
        return prepare(image).crops;
    }

    /** Detections of one image, by descending score, before the policy (empty without a detector). */
    public List<DetectedFace> detect(RgbImage image) {
        return detector == null ? List.of() : detector.detect(image, options.scoreThreshold());
    }

    /** Embedding dimension. */
    public int dim() {
        return embedder.dim();
    }

    /** Stable id of the embedder (name + SHA-256 of the files that determine its output), to store with embeddings. */
    public String modelId() {
        return embedder.modelId();
    }

    /** The embedder's input: channels, height, width. */
    public int[] inputShape() {
        return new int[] {embedder.channels(), embedder.height(), embedder.width()};
    }

    @Override
    public void close() {
        try {
            embedder.close();
        } finally {
            if (detector != null) {
                detector.close();
            }
        }
    }

    /** A face chosen in an image and its crop at the embedder's input size (C×H×W, raw 0..255). */
    public record AlignedFace(DetectedFace detection, float[] crop) {}

    private record Pending(Path image, List<AlignedFace> crops) {}

    private Pending prepare(Path image) throws IOException {
        RgbImage pixels = RgbImage.read(image);
        return new Pending(image, crops(pixels, detect(pixels), image.toString()));
    }

    /**
     * The faces the policy keeps among {@code detections} (what {@link #detect} found in {@code pixels}) and their
     * crops, with the centre-crop fallback when none is kept and it is on; without a detector the whole image. For
     * images decoded elsewhere (e.g. from an archive in memory), and for callers that time detection on its own.
     *
     * @param where the image, for error messages
     */
    public List<AlignedFace> crops(RgbImage pixels, List<DetectedFace> detections, String where) {
        int c = embedder.channels();
        int h = embedder.height();
        int w = embedder.width();
        List<AlignedFace> crops = new ArrayList<>();
        if (detector == null) {
            crops.add(new AlignedFace(DetectedFace.wholeImage(pixels.width(), pixels.height()),
                    FaceAligner.channels(FaceAligner.resizeWhole(pixels, h, w), c)));
            return crops;
        }
        List<DetectedFace> found = FaceChoice.choose(detections, options.policy(), pixels.width(), pixels.height(), where);
        for (DetectedFace face : found) {
            crops.add(new AlignedFace(face, FaceAligner.channels(FaceAligner.align(pixels, face.landmarks(), template, h, w), c)));
        }
        if (found.isEmpty() && options.centreCropFallback()) {
            crops.add(new AlignedFace(CentreCrop.box(pixels.width(), pixels.height()),
                    FaceAligner.channels(CentreCrop.crop(pixels, h, w), c)));
        }
        return crops;
    }

    /** Embeds the crops of every pending image and moves the images to {@code results}. */
    private void flush(List<Pending> pending, List<FaceAnalysis> results) {
        List<float[]> crops = new ArrayList<>();
        for (Pending p : pending) {
            for (AlignedFace face : p.crops) {
                crops.add(face.crop());
            }
        }
        float[][] embeddings = embed(crops);
        int k = 0;
        for (Pending p : pending) {
            List<Face> faces = new ArrayList<>(p.crops.size());
            for (AlignedFace face : p.crops) {
                faces.add(new Face(face.detection(), embeddings[k++]));
            }
            results.add(new FaceAnalysis(p.image, faces));
        }
        pending.clear();
    }

    /** Unit embeddings of crops (C×H×W each), in batches; with flip fusion the mirror's raw embedding is added first. */
    public float[][] embed(List<float[]> crops) {
        int length = embedder.channels() * embedder.height() * embedder.width();
        float[][] out = new float[crops.size()][];
        for (int start = 0; start < crops.size(); start += BATCH) {
            int n = Math.min(BATCH, crops.size() - start);
            float[] batch = new float[n * length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(crops.get(start + i), 0, batch, i * length, length);
            }
            float[][] raw = embedder.embed(batch, n);
            if (options.flipFusion()) {
                float[][] mirrored = embedder.embed(FaceAligner.mirrorBatch(batch, n, embedder.channels(), embedder.height(),
                        embedder.width()), n);
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < raw[i].length; d++) {
                        raw[i][d] += mirrored[i][d];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                out[start + i] = normalised(raw[i]);
            }
        }
        return out;
    }

    /** x/‖x‖ computed in double, the norm floored at 1e-12 (as F.normalize). */
    static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
