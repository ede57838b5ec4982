package dev.hypersphere.face.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.image.ImageFolderSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import dev.hypersphere.face.FaceAnalysis;
import dev.hypersphere.face.FacePipeline;
import dev.hypersphere.face.FacePipelineOptions;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained here, used through the face pipeline, embeds face crops exactly as {@code hypersphere embed} does. */
class RunFolderFaceEmbedderTest {

    @Test
    void runFolderEmbeddingsEqualTheEmbedCommandsPath(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Training.start(ConfigLoader.defaults().preset("demo").overrides(Map.ofEntries(
                Map.entry("data.identities", "12"), Map.entry("data.images-per-identity", "4"), Map.entry("data.height", "16"),
                Map.entry("data.width", "16"), Map.entry("data.channels", "3"), Map.entry("model.embedding-dim", "8"), Map.entry("train.batch-size", "8"),
                Map.entry("train.steps", "4"), Map.entry("train.validate-every", "0"), Map.entry("train.checkpoint-every", "0"),
                Map.entry("validation.pairs", "20"), Map.entry("schedule.warmup-steps", "1")), "test").resolve(),
                run, new PrintStream(OutputStream.nullOutputStream()));

        Path images = tmp.resolve("images").resolve("someone");
        Files.createDirectories(images);
        List<Path> files = new ArrayList<>();
        try (SyntheticFaces faces = new SyntheticFaces(1, 5, 3, 24, 20, 17)) {   // colour, another size: resized to 16×16
            for (int i = 0; i < faces.size(); i++) {
                Path file = images.resolve(i + ".png");
                RgbImage.of(new dev.hypersphere.data.image.DecodedImage(faces.get(i).pixels(), 3, 24, 20)).writePng(file);
                files.add(file);
            }
        }
        List<FaceAnalysis> results;
        String id;
        try (FacePipeline pipeline = FacePipeline.open(FacePipelineOptions.defaults(run, null))) {
            assertEquals(8, pipeline.dim());
            results = pipeline.analyzeAll(files, null);
            id = pipeline.modelId();
        }
        assertTrue(id.matches("run@sha256:[0-9a-f]{64}"), id);
        // The embed command's path: the same PNGs read as an image folder by the run's own embedder.
        try (Embedder embedder = Embedder.load(run);
             ImageFolderSource source = ImageFolderSource.open(tmp.resolve("images"), ImageOptions.rgb())) {
            assertEquals(3, embedder.preprocessing().channels());
            Embeddings expected = embedder.embed(source, 8, 1, null);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < source.size(); i++) {
                names.add(Path.of(source.name(i)).getFileName().toString());
            }
            for (int i = 0; i < files.size(); i++) {
                int row = names.indexOf(files.get(i).getFileName().toString());
                float[] e = results.get(i).faces().get(0).embedding();
                for (int d = 0; d < 8; d++) {
                    assertEquals(expected.vectors()[row * 8 + d], e[d], 2e-4, "image " + i);
                }
            }
        }
    }
}
