package dev.hypersphere.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.face.embed.Fixtures;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ORL faces (one per subject, 40) pasted at random places and scales on 640×480 canvases → YuNet → alignment →
 * the tiny ONNX embedder: the face is found where it was pasted in (nearly) every image, embeddings are finite unit
 * vectors. Skips without the shared data and models.
 */
class FaceEndToEndTest {

    @Test
    void pastedOrlFacesAreFoundAlignedAndEmbedded(@TempDir Path tmp) throws IOException {
        Path orl = TestImages.orl().orElse(null);
        Path yunet = TestImages.yunet("yunet_s_dynamic.onnx").orElse(null);
        Assumptions.assumeTrue(orl != null && yunet != null, SharedData.missing("orl + ../models/yunet"));
        SplittableRandom random = new SplittableRandom(6);
        List<Path> images = new ArrayList<>();
        List<double[]> pasted = new ArrayList<>();   // x, y, width, height
        for (int subject = 1; subject <= 40; subject++) {
            RgbImage face = TestImages.orlFace(orl, subject, 1 + random.nextInt(10));
            double scale = random.nextDouble(1.2, 3.0);
            int w = (int) Math.round(92 * scale);
            int h = (int) Math.round(112 * scale);
            int x = random.nextInt(640 - w);
            int y = random.nextInt(480 - h);
            Path file = tmp.resolve("scene" + subject + ".png");
            TestImages.paste(TestImages.background(640, 480, subject), face, scale, x, y).writePng(file);
            images.add(file);
            pasted.add(new double[] {x, y, w, h});
        }
        Path model = Fixtures.copy("tiny_embedder.onnx", tmp);
        int found = 0;
        try (FacePipeline pipeline = FacePipeline.open(FacePipelineOptions.defaults(model, yunet))) {
            List<FaceAnalysis> results = pipeline.analyzeAll(images, null);
            for (int i = 0; i < results.size(); i++) {
                List<Face> faces = results.get(i).faces();
                assertTrue(faces.size() <= 1, "largest policy: at most one face");
                if (faces.isEmpty()) {
                    continue;
                }
                Face face = faces.get(0);
                double[] p = pasted.get(i);
                DetectedFace d = face.detection();
                assertTrue(d.centreX() > p[0] + 0.25 * p[2] && d.centreX() < p[0] + 0.75 * p[2]
                        && d.centreY() > p[1] + 0.25 * p[3] && d.centreY() < p[1] + 0.8 * p[3], "image " + i + ": " + d);
                assertEquals(16, face.embedding().length);
                double sum = 0;
                for (float v : face.embedding()) {
                    assertTrue(Float.isFinite(v));
                    sum += v * v;
                }
                assertEquals(1.0, sum, 1e-5);
                found++;
            }
        }
        System.out.println("FaceEndToEndTest: face found in " + found + " of " + images.size() + " pasted ORL images");
        assertTrue(found >= 36, "found in only " + found + " of 40");
    }
}
