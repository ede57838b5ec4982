package dev.hypersphere.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small image folders (root/identity/n.png, 16×16 grey, a different pattern per identity) for data tests. */
public final class TestImages {

    private TestImages() {}

    public static Path folder(Path root, int imagesPerIdentity, String... identities) throws IOException {
        for (int c = 0; c < identities.length; c++) {
            Path dir = Files.createDirectories(root.resolve(identities[c]));
            for (int i = 0; i < imagesPerIdentity; i++) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int v = ((x * (c + 1) + y * (i + 2)) * 37) & 0xff;
                        image.setRGB(x, y, (v << 16) | (v << 8) | v);
                    }
                }
                ImageIO.write(image, "png", dir.resolve(i + ".png").toFile());
            }
        }
        return root;
    }
}
