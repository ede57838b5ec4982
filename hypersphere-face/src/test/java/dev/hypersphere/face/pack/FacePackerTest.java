package dev.hypersphere.face.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.image.EncodedImageSource;
import dev.hypersphere.data.image.ImageOptions;
import dev.hypersphere.data.image.ImageSets;
import dev.hypersphere.data.recordio.RecordIoSource;
import dev.hypersphere.data.Sample;
import dev.hypersphere.face.DetectedFace;
import dev.hypersphere.face.MultiFacePolicy;
import dev.hypersphere.face.RgbImage;
import dev.hypersphere.face.TestImages;
import dev.hypersphere.face.align.FaceTemplate;
import dev.hypersphere.face.detect.YuNetDetector;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code face pack} on generated photos (ORL faces pasted on backgrounds): every report category is produced and
 * named, the aligned crop puts a known face's landmarks on the template, the pack reads back, the result does not
 * depend on the thread count, and a pack from which nothing can be packed writes nothing. Skips without the shared
 * ORL faces and YuNet model.
 */
class FacePackerTest {

    private static final FacePacker.Listener QUIET = new FacePacker.Listener() {
        @Override
        public void aligned(int done, int total) {}

        @Override
        public void written(int done, int total) {}
    };

    private static Path detector() {
        Path path = TestImages.yunet("yunet_s_dynamic.onnx").orElse(null);
        Assumptions.assumeTrue(path != null, SharedData.missing("../models/yunet/yunet_s_dynamic.onnx"));
        return path;
    }

    private static Path orl() {
        Path path = TestImages.orl().orElse(null);
        Assumptions.assumeTrue(path != null, SharedData.missing("orl"));
        return path;
    }

    /**
     * alice: 3 photos of one face at different places and scales; bob: 1 good photo, 1 undecodable file, 1 faceless
     * background, 1 face too small; carol: 2 photos each with two faces (the central one is ORL subject 3).
     */
    private static Path photos(Path root) throws IOException {
        Path orl = orl();
        RgbImage alice = TestImages.orlFace(orl, 1, 1);
        RgbImage bob = TestImages.orlFace(orl, 2, 1);
        RgbImage carol = TestImages.orlFace(orl, 3, 1);
        RgbImage stranger = TestImages.orlFace(orl, 4, 1);
        Files.createDirectories(root.resolve("alice"));
        Files.createDirectories(root.resolve("bob"));
        Files.createDirectories(root.resolve("carol"));
        TestImages.paste(TestImages.background(320, 320, 1), alice, 1.5, 60, 70).writePng(root.resolve("alice/a1.png"));
        TestImages.paste(TestImages.background(400, 300, 2), alice, 2.0, 150, 40).writePng(root.resolve("alice/a2.png"));
        TestImages.paste(TestImages.background(300, 300, 3), alice, 1.0, 20, 150).writePng(root.resolve("alice/a3.png"));
        TestImages.paste(TestImages.background(320, 320, 4), bob, 1.5, 80, 60).writePng(root.resolve("bob/b1.png"));
        Files.write(root.resolve("bob/b2.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3});
        TestImages.background(320, 240, 5).writePng(root.resolve("bob/b3.png"));
        TestImages.paste(TestImages.background(640, 480, 6), bob, 0.5, 300, 200).writePng(root.resolve("bob/b4.png"));
        for (int k = 1; k <= 2; k++) {
            RgbImage scene = TestImages.paste(TestImages.background(640, 400, 6 + k), stranger, 1.6, 10, 20);
            TestImages.paste(scene, carol, 1.4, 250, 100).writePng(root.resolve("carol/c" + k + ".png"));
        }
        return root;
    }

    private static FacePackOptions options(int threads) {
        // Faces under 45 px are too small: bob's fourth photo (pasted at half size, a box of about 35 px) is.
        return FacePackOptions.defaults(detector()).withThreads(threads).withMinFaceSize(45);
    }

    @Test
    void everyOutcomeIsCountedAndNamedAndThePackReadsBack(@TempDir Path tmp) throws IOException {
        EncodedImageSource source = ImageSets.open(photos(tmp.resolve("photos")), "", ImageOptions.rgb());
        Path out = tmp.resolve("pack/train");
        Files.createDirectories(out.getParent());
        FacePacker.Result result = FacePacker.pack(source, "photos", out, FacePacker.Format.RECORDIO, options(2), 95, QUIET);
        Map<String, Integer> counts = result.report().counts();
        assertEquals(9, counts.get("photos"));
        assertEquals(5, counts.get("packed"), counts.toString());            // alice ×3, carol ×2
        assertEquals(1, counts.get("undecodable"), counts.toString());
        assertEquals(1, counts.get("no_face"), counts.toString());
        assertEquals(1, counts.get("too_small"), counts.toString());
        assertEquals(1, counts.get("identity_dropped"), counts.toString()); // bob's one good photo
        assertEquals(2, counts.get("several_faces_kept"), counts.toString());
        assertEquals(2, counts.get("identities_packed"));
        assertEquals(List.of("bob"), result.report().droppedIdentities());
        assertTrue(result.report().photos(PackOutcome.UNDECODABLE).get(0).contains("b2.jpg"));
        assertTrue(result.report().photos(PackOutcome.NO_FACE).get(0).contains("b3.png"));
        assertTrue(result.report().photos(PackOutcome.TOO_SMALL).get(0).contains("b4.png"));
        assertTrue(result.report().photos(PackOutcome.IDENTITY_DROPPED).get(0).contains("b1.png"));
        for (String suffix : List.of(".rec", ".idx", ".classes.tsv", ".landmarks.tsv", ".report.json", ".report.md")) {
            assertTrue(Files.isRegularFile(tmp.resolve("pack/train" + suffix)), suffix);
        }
        List<String> table = Files.readAllLines(tmp.resolve("pack/train.landmarks.tsv"));
        assertEquals(LandmarksTable.HEADER, table.get(0));
        assertEquals(10, table.size());
        assertTrue(Files.readString(tmp.resolve("pack/train.report.md")).contains("b3.png"));
        try (RecordIoSource rec = RecordIoSource.open(tmp.resolve("pack/train.rec"), 3)) {
            assertEquals(5, rec.size());
            assertEquals(List.of("alice", "carol"), rec.classNames());
            Sample first = rec.get(0);
            assertEquals(112, first.height());
            assertEquals(112, first.width());
        }
    }

    @Test
    void carolsCentralFaceIsKeptAndFailPolicyLeavesHerOut(@TempDir Path tmp) throws IOException {
        EncodedImageSource source = ImageSets.open(photos(tmp.resolve("photos")), "", ImageOptions.rgb());
        try (YuNetDetector yunet = YuNetDetector.open(detector())) {
            CroppedPhoto central = FaceCropper.cropOne(source, 7, yunet, FaceTemplate.ARCFACE_112X112, options(1));
            assertTrue(central.name().endsWith("c1.png"), central.name());
            assertEquals(2, central.faces());
            // The stranger sits at the left edge; carol's box centre is right of x = 250.
            assertTrue(central.face().centreX() > 250, central.face().toString());
            CroppedPhoto fail = FaceCropper.cropOne(source, 7, yunet, FaceTemplate.ARCFACE_112X112,
                    options(1).withPolicy(MultiFacePolicy.FAIL));
            assertEquals(PackOutcome.SEVERAL_FACES, fail.outcome());
            CroppedPhoto largest = FaceCropper.cropOne(source, 7, yunet, FaceTemplate.ARCFACE_112X112,
                    options(1).withPolicy(MultiFacePolicy.LARGEST));
            assertTrue(largest.face().centreX() < 250, "the stranger's face is pasted larger: " + largest.face());
        }
    }

    @Test
    void alignedCropPutsTheLandmarksOnTheTemplate(@TempDir Path tmp) throws IOException {
        EncodedImageSource source = ImageSets.open(photos(tmp.resolve("photos")), "", ImageOptions.rgb());
        double[] template = FaceTemplate.ARCFACE_112X112.points();
        try (YuNetDetector yunet = YuNetDetector.open(detector())) {
            for (int photo = 0; photo < 3; photo++) {   // alice at three places and scales
                CroppedPhoto cropped = FaceCropper.cropOne(source, photo, yunet, FaceTemplate.ARCFACE_112X112, options(1));
                assertEquals(PackOutcome.PACKED, cropped.outcome());
                float[] pixels = new float[cropped.crop().length];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = cropped.crop()[i] & 0xff;
                }
                // Detect again in the crop, pasted at 2× on a canvas: its landmarks must sit on the template's points.
                RgbImage canvas = TestImages.paste(TestImages.background(400, 400, 9), new RgbImage(112, 112, pixels), 2.0, 50, 80);
                List<DetectedFace> again = yunet.detect(canvas, 0.5f);
                assertEquals(1, again.size(), "photo " + photo);
                // Each landmark must land where the similarity fitted to the template sends it (a least-squares fit
                // over five points: a face's own mouth need not fall on the template's), up to the detector's noise
                // of a few pixels (seen: up to 4 px at one landmark, 3.4 px on average for the smallest face, in no common direction); a wrong scale, shift or mirror would be off by 10 or more.
                double[] m = dev.hypersphere.face.align.FaceAligner.transform(cropped.face().landmarks(),
                        FaceTemplate.ARCFACE_112X112).matrix();
                float[] original = cropped.face().landmarks();
                float[] l = again.get(0).landmarks();
                double sum = 0;
                for (int k = 0; k < 5; k++) {
                    double ex = m[0] * original[2 * k] + m[1] * original[2 * k + 1] + m[2];
                    double ey = m[3] * original[2 * k] + m[4] * original[2 * k + 1] + m[5];
                    double error = Math.hypot(ex - ((l[2 * k] - 50 + 0.5) / 2 - 0.5), ey - ((l[2 * k + 1] - 80 + 0.5) / 2 - 0.5));
                    assertTrue(error < 6, "photo " + photo + " landmark " + k + " is " + error + " px from where the alignment sends it");
                    assertTrue(Math.hypot(ex - template[2 * k], ey - template[2 * k + 1]) < 10, "photo " + photo
                            + " landmark " + k + " is far from the template");
                    sum += error;
                }
                assertTrue(sum / 5 < 4.5, "photo " + photo + ": mean landmark error " + sum / 5 + " px");
            }
        }
    }

    @Test
    void thePackDoesNotDependOnTheThreadCount(@TempDir Path tmp) throws IOException {
        EncodedImageSource source = ImageSets.open(photos(tmp.resolve("photos")), "", ImageOptions.rgb());
        Files.createDirectories(tmp.resolve("one"));
        Files.createDirectories(tmp.resolve("two"));
        FacePacker.pack(source, "photos", tmp.resolve("one/train"), FacePacker.Format.RECORDIO, options(1), 95, QUIET);
        FacePacker.pack(source, "photos", tmp.resolve("two/train"), FacePacker.Format.RECORDIO, options(2), 95, QUIET);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one/train.rec")), Files.readAllBytes(tmp.resolve("two/train.rec")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one/train.landmarks.tsv")),
                Files.readAllBytes(tmp.resolve("two/train.landmarks.tsv")));
    }

    @Test
    void aFolderPackHoldsOnePngPerFaceAndNothingIsWrittenWhenNoFaceCanBePacked(@TempDir Path tmp) throws IOException {
        EncodedImageSource source = ImageSets.open(photos(tmp.resolve("photos")), "", ImageOptions.rgb());
        FacePacker.pack(source, "photos", tmp.resolve("aligned"), FacePacker.Format.FOLDER, options(2).withSize(64, 64), 95, QUIET);
        try (Stream<Path> files = Files.walk(tmp.resolve("aligned"))) {
            assertEquals(5, files.filter(p -> p.toString().endsWith(".png")).count());
        }
        assertEquals(64, RgbImage.read(tmp.resolve("aligned/alice/a1.png")).height());

        Path faceless = tmp.resolve("faceless/nobody");
        Files.createDirectories(faceless);
        TestImages.background(200, 200, 11).writePng(faceless.resolve("x.png"));
        TestImages.background(200, 200, 12).writePng(faceless.resolve("y.png"));
        EncodedImageSource empty = ImageSets.open(tmp.resolve("faceless"), "", ImageOptions.rgb());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FacePacker.pack(empty, "faceless",
                tmp.resolve("out/train"), FacePacker.Format.RECORDIO, options(1), 95, QUIET));
        assertTrue(e.getMessage().contains("no face could be packed from 2 photos (no face 2)"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void aWrappedImageSetIsEntered(@TempDir Path tmp) throws IOException {
        Path wrapped = tmp.resolve("set/wrapper");
        Files.createDirectories(wrapped.resolve("a"));
        Files.createDirectories(wrapped.resolve("b"));
        TestImages.background(20, 20, 1).writePng(wrapped.resolve("a/1.png"));
        TestImages.background(20, 20, 2).writePng(wrapped.resolve("b/1.png"));
        assertEquals(List.of("a", "b"), ImageSets.open(tmp.resolve("set"), "", ImageOptions.rgb()).classNames());
    }
}
