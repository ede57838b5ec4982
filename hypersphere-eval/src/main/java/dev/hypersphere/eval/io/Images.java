package dev.hypersphere.eval.io;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes stored images into what an embedder takes: RGB, channel-first (CHW), raw values in [0, 255], at the
 * embedder's input size. Like insightface's {@code load_bin}, an image of another size is resized (bilinear) and
 * the flipped view is the horizontal mirror.
 */
public final class Images {

    private Images() {}

    /** Decodes a stored image and writes its CHW RGB values (optionally mirrored) into {@code out} at {@code at}. */
    public static void toChw(InsightFaceBin.StoredImage stored, int height, int width, boolean flip, float[] out, int at,
                             String where) throws IOException {
        BufferedImage image = stored.isEncoded() ? decode(stored.bytes(), where) : fromPixels(stored);
        if (image.getWidth() != width || image.getHeight() != height) {
            image = resize(image, width, height);
        }
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(flip ? width - 1 - x : x, y);
                int o = at + y * width + x;
                out[o] = (rgb >> 16) & 0xFF;
                out[o + plane] = (rgb >> 8) & 0xFF;
                out[o + 2 * plane] = rgb & 0xFF;
            }
        }
    }

    /** An encoded image (JPEG, PNG, BMP, GIF: what ImageIO reads) as an RGB image. */
    public static BufferedImage decode(byte[] bytes, String where) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException(where + ": cannot decode the image (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw new IOException(where + ": not an image format this JVM decodes (" + bytes.length + " bytes)");
        }
        return image;
    }

    private static BufferedImage fromPixels(InsightFaceBin.StoredImage stored) {
        int[] shape = stored.pixelShape();
        int h = shape[0];
        int w = shape[1];
        int c = shape[2];
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] b = stored.bytes();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * c;
                int r = b[o] & 0xFF;
                int g = c == 3 ? b[o + 1] & 0xFF : r;
                int bl = c == 3 ? b[o + 2] & 0xFF : r;
                image.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
        }
        return image;
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
