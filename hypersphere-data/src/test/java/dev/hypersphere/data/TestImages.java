package dev.hypersphere.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small images made in tests: known pixels written with ImageIO or by hand (PNM). */
public final class TestImages {

    private TestImages() {}

    /** An RGB image whose pixel (x, y) is ((x·40 + 5·y) % 256, (y·30 + 7) % 256, (x + y)·20 % 256). */
    public static BufferedImage rgb(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (red(x, y) << 16) | (green(x, y) << 8) | blue(x, y));
            }
        }
        return image;
    }

    public static int red(int x, int y) {
        return (x * 40 + 5 * y) % 256;
    }

    public static int green(int x, int y) {
        return (y * 30 + 7) % 256;
    }

    public static int blue(int x, int y) {
        return (x + y) * 20 % 256;
    }

    /** A grey image whose pixel (x, y) is (x·17 + y·3) % 256. */
    public static BufferedImage grey(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, greyValue(x, y));
            }
        }
        return image;
    }

    public static int greyValue(int x, int y) {
        return (x * 17 + y * 3) % 256;
    }

    /** A flat colour, for lossy formats. */
    public static BufferedImage flat(int width, int height, int r, int g, int b) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A binary PGM (P5) of the {@link #greyValue} pattern, with a comment in its header. */
    public static byte[] pgm(int width, int height) {
        byte[] header = ("P5\n# made by a test\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + width * height];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[header.length + y * width + x] = (byte) greyValue(x, y);
            }
        }
        return out;
    }
}
