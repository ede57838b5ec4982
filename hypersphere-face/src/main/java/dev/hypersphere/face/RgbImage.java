package dev.hypersphere.face;

import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.ImageDecoder;
import dev.hypersphere.data.image.ImageEncoder;
import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An RGB image as floats 0..255, layout 3×H×W (planar: all red values row by row, then green, then blue). Grey
 * files are read with the grey value in all three planes.
 */
public record RgbImage(int width, int height, float[] planes) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
        }
        if (planes.length != 3 * width * height) {
            throw new IllegalArgumentException(planes.length + " values do not fill 3×" + height + "×" + width);
        }
    }

    /** Reads a JPEG, PNG, GIF, BMP or PGM/PPM file; a missing, unreadable or undecodable file is an IOException naming it. */
    public static RgbImage read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the image (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : ": " + e.getMessage()) + ")", e);
        }
        return of(ImageDecoder.decode(bytes, 3, file.toString()));
    }

    /** A decoded image with 1 or 3 channels (grey is replicated). */
    public static RgbImage of(DecodedImage image) {
        DecodedImage rgb = image.withChannels(3);
        return new RgbImage(rgb.width(), rgb.height(), rgb.pixels());
    }

    /** Grey pixels (H×W) as the plain mean of R, G and B: what a one-channel model is given. */
    public float[] meanOfChannels() {
        int plane = width * height;
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = (planes[i] + planes[plane + i] + planes[2 * plane + i]) / 3f;
        }
        return grey;
    }

    /** The image mirrored left to right. */
    public RgbImage mirrored() {
        float[] out = new float[planes.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                int row = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    out[row + x] = planes[row + width - 1 - x];
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** This image as decoded pixels (3 channels, CHW). */
    public DecodedImage toDecoded() {
        return new DecodedImage(planes, 3, height, width);
    }

    /** Writes the image as a PNG (values rounded and clamped to bytes), atomically. */
    public void writePng(Path file) throws IOException {
        AtomicFiles.write(file, ImageEncoder.encode(toDecoded(), ImageEncoder.Encoding.PNG, 95));
    }
}
