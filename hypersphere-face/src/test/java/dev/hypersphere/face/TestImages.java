package dev.hypersphere.face;

import dev.hypersphere.data.transform.Bilinear;
import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

/** Test scenes: ORL faces pasted on larger canvases, and faceless backgrounds. */
public final class TestImages {

    private TestImages() {}

    public static Optional<Path> orl() {
        return SharedData.resolve("orl").filter(p -> Files.isRegularFile(p.resolve("s1/1.pgm")));
    }

    public static Optional<Path> yunet(String file) {
        return SharedData.model("yunet/" + file).filter(Files::isRegularFile);
    }

    /** A smooth diagonal gradient with seeded noise (±8 grey levels), different in each channel. */
    public static RgbImage background(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] planes = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    planes[(c * height + y) * width + x] = (float) (40 + 150.0 * (x + y) / (width + height) + 20 * c
                            + random.nextDouble(-8, 8));
                }
            }
        }
        return new RgbImage(width, height, planes);
    }

    /** {@code face} scaled by {@code scale} (bilinear) and pasted with its top-left corner at (x, y). */
    public static RgbImage paste(RgbImage canvas, RgbImage face, double scale, int x, int y) {
        int w = (int) Math.round(face.width() * scale);
        int h = (int) Math.round(face.height() * scale);
        float[] scaled = Bilinear.resize(face.planes(), 3, face.height(), face.width(), h, w);
        float[] planes = canvas.planes().clone();
        int cw = canvas.width();
        int ch = canvas.height();
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(scaled, (c * h + row) * w, planes, (c * ch + y + row) * cw + x, w);
            }
        }
        return new RgbImage(cw, ch, planes);
    }

    public static RgbImage orlFace(Path orl, int subject, int image) throws IOException {
        return RgbImage.read(orl.resolve("s" + subject).resolve(image + ".pgm"));
    }
}
