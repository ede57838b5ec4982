package dev.hypersphere.data.image;

import dev.hypersphere.data.MalformedDataException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG, PNG, GIF (first frame), BMP and PGM/PPM bytes into CHW floats in [0, 255] with the channel count
 * the caller asks for. The format is recognised from the bytes, not the file name. A decoder warning (such as
 * ImageIO's "premature end of JPEG file" for a truncated file) is treated as an error: a silently grey half
 * image is worse than a clear failure. Stateless and safe to call from several threads.
 */
public final class ImageDecoder {

    /** File name endings taken for images when listing folders and archives (lower case, with the dot). */
    public static final Set<String> EXTENSIONS = Set.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".pgm", ".ppm", ".pnm");

    /** ImageIO's reader providers, looked up once: the registry lookup is synchronised and slow per image. */
    private static final Map<String, ImageReaderSpi> PROVIDERS = new ConcurrentHashMap<>();

    private ImageDecoder() {}

    /** Whether a file name has one of the {@link #EXTENSIONS}. */
    public static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(lower.substring(dot));
    }

    /**
     * Decodes {@code bytes} to {@code channels} channels (1: grey, ITU-R 601 luma of colour images; 3: RGB, grey
     * replicated). {@code source} names the bytes in error messages.
     */
    public static DecodedImage decode(byte[] bytes, int channels, String source) throws MalformedDataException {
        ChannelConversion.requireChannels("channels", channels);
        return decodeNative(bytes, source).withChannels(channels);
    }

    /** Decodes {@code bytes} keeping their own channel count (1 for grey images, 3 otherwise; alpha is dropped). */
    public static DecodedImage decodeNative(byte[] bytes, String source) throws MalformedDataException {
        String format = sniff(bytes);
        if (format == null) {
            throw new MalformedDataException(source + ": not a JPEG, PNG, GIF, BMP or PGM/PPM image ("
                    + (bytes.length == 0 ? "the file is empty" : "it starts with bytes " + hexStart(bytes)) + ")");
        }
        if (format.equals("pnm")) {
            return PnmDecoder.decode(bytes, source);
        }
        return fromBufferedImage(read(bytes, format, source));
    }

    /**
     * {@link #decodeNative}, but an image whose longer side exceeds {@code maxSide} is subsampled while it is read
     * (every k-th pixel, k the smallest integer that brings the longer side to at most {@code maxSide}), so a huge
     * photo never exists at full size in memory. PGM/PPM are decoded whole, then subsampled.
     */
    public static DecodedImage decodeNativeAtMost(byte[] bytes, int maxSide, String source) throws MalformedDataException {
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be >= 1, got " + maxSide);
        }
        String format = sniff(bytes);
        if (format == null || format.equals("pnm")) {
            return subsample(decodeNative(bytes, source), maxSide);
        }
        return fromBufferedImage(read(bytes, format, source, maxSide));
    }

    private static DecodedImage subsample(DecodedImage image, int maxSide) {
        int k = subsampling(image.width(), image.height(), maxSide);
        if (k == 1) {
            return image;
        }
        int h = (image.height() + k - 1) / k;
        int w = (image.width() + k - 1) / k;
        float[] out = new float[image.channels() * h * w];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = image.pixels()[(c * image.height() + y * k) * image.width() + x * k];
                }
            }
        }
        return new DecodedImage(out, image.channels(), h, w);
    }

    private static int subsampling(int width, int height, int maxSide) {
        int longer = Math.max(width, height);
        return longer <= maxSide ? 1 : (longer + maxSide - 1) / maxSide;
    }

    private static BufferedImage read(byte[] bytes, String format, String source) throws MalformedDataException {
        return read(bytes, format, source, Integer.MAX_VALUE);
    }

    private static BufferedImage read(byte[] bytes, String format, String source, int maxSide) throws MalformedDataException {
        ImageReaderSpi provider = PROVIDERS.computeIfAbsent(format, f -> {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(f);
            return readers.hasNext() ? readers.next().getOriginatingProvider() : null;
        });
        if (provider == null) {
            throw new MalformedDataException(source + ": no ImageIO reader for " + format);
        }
        ImageReader reader;
        try {
            reader = provider.createReaderInstance();
        } catch (IOException e) {
            throw new MalformedDataException(source + ": cannot create an ImageIO reader for " + format, e);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
            if (maxSide != Integer.MAX_VALUE) {
                int k = subsampling(reader.getWidth(0), reader.getHeight(0), maxSide);
                param.setSourceSubsampling(k, k, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw new MalformedDataException(source + ": corrupt " + format.toUpperCase(Locale.ROOT) + " ("
                        + warnings.get(0) + ")");
            }
            return image;
        } catch (MalformedDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedDataException(source + ": cannot decode " + format.toUpperCase(Locale.ROOT) + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** The ImageIO format name (or "pnm") of the bytes' signature, or null. */
    static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "gif";
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        if (PnmDecoder.accepts(b)) {
            return "pnm";
        }
        return null;
    }

    private static String hexStart(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            text.append(String.format(Locale.ROOT, "%s%02x", i == 0 ? "" : " ", bytes[i] & 0xff));
        }
        return text.toString();
    }

    /**
     * Pixels of a decoded image. Grey images are read from the raster (getRGB would pass them through the linear
     * grey colour space and brighten them); 8-bit BGR through its buffer; anything else through sRGB getRGB.
     */
    static DecodedImage fromBufferedImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && raster.getParent() == null) {
            byte[] bgr = buffer.getData();
            float[] pixels = new float[3 * plane];
            for (int i = 0; i < plane; i++) {
                pixels[i] = bgr[3 * i + 2] & 0xff;
                pixels[plane + i] = bgr[3 * i + 1] & 0xff;
                pixels[2 * plane + i] = bgr[3 * i] & 0xff;
            }
            return new DecodedImage(pixels, 3, height, width);
        }
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
        if (grey) {
            int bits = image.getColorModel().getComponentSize(0);
            float scale = (float) (255.0 / ((1L << bits) - 1));
            float[] pixels = new float[plane];
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    pixels[y * width + x] = bits == 8 ? row[x] : row[x] * scale;
                }
            }
            return new DecodedImage(pixels, 1, height, width);
        }
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK && raster.getNumBands() == 4) {
            return fromCmyk(raster, width, height);
        }
        float[] pixels = new float[3 * plane];
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            pixels[i] = (p >> 16) & 0xff;
            pixels[plane + i] = (p >> 8) & 0xff;
            pixels[2 * plane + i] = p & 0xff;
        }
        return new DecodedImage(pixels, 3, height, width);
    }

    /**
     * CMYK (as print workflows save JPEGs) by the plain formula R = (255 − C)(255 − K)/255 and likewise for G (M) and B
     * (Y), as libjpeg-based readers (OpenCV, PIL) convert: ImageIO's own conversion goes through a print ICC profile
     * and gives other colours than every other tool (a face photo came out about 3× brighter in its shadows).
     */
    private static DecodedImage fromCmyk(Raster raster, int width, int height) {
        int plane = width * height;
        float[] pixels = new float[3 * plane];
        int[] cmyk = new int[4 * width];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, cmyk);
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float white = (255 - cmyk[4 * x + 3]) / 255f;
                pixels[i] = Math.round((255 - cmyk[4 * x]) * white);
                pixels[plane + i] = Math.round((255 - cmyk[4 * x + 1]) * white);
                pixels[2 * plane + i] = Math.round((255 - cmyk[4 * x + 2]) * white);
            }
        }
        return new DecodedImage(pixels, 3, height, width);
    }
}
