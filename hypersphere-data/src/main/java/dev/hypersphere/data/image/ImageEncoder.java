package dev.hypersphere.data.image;

import dev.hypersphere.validate.Inputs;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes CHW pixels in [0, 255] (rounded and clamped to bytes) as JPEG at a given quality, or as lossless PNG. */
public final class ImageEncoder {

    /** The encodings a pack can store. */
    public enum Encoding {
        JPEG,
        PNG;

        public static Encoding parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "jpg", "jpeg" -> JPEG;
                case "png" -> PNG;
                default -> throw new IllegalArgumentException("encoding must be jpeg or png, got '" + text + "'");
            };
        }
    }

    private ImageEncoder() {}

    /** {@code quality} is JPEG's 1..100 (OpenCV's and insightface's scale; 95 is their default); PNG ignores it. */
    public static byte[] encode(DecodedImage image, Encoding encoding, int quality) {
        Inputs.requireInRange("quality", quality, 1, 100, "JPEG quality");
        BufferedImage buffered = toBufferedImage(image);
        ImageWriter writer = ImageIO.getImageWritersByFormatName(encoding == Encoding.JPEG ? "jpeg" : "png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.pixels().length + 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (encoding == Encoding.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an image in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** An 8-bit grey or BGR image holding the pixels, rounded to the nearest integer and clamped to [0, 255]. */
    public static BufferedImage toBufferedImage(DecodedImage image) {
        int width = image.width();
        int height = image.height();
        int plane = width * height;
        float[] p = image.pixels();
        if (image.channels() == 1) {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < plane; i++) {
                data[i] = toByte(p[i]);
            }
            return out;
        }
        if (image.channels() != 3) {
            throw new IllegalArgumentException("can encode only 1- or 3-channel images, got " + image.channels());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < plane; i++) {
            data[3 * i] = toByte(p[2 * plane + i]);
            data[3 * i + 1] = toByte(p[plane + i]);
            data[3 * i + 2] = toByte(p[i]);
        }
        return out;
    }

    private static byte toByte(float value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
