package dev.hypersphere.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.TestImages;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every format decodes to the pixels that were written, in CHW order, with the channel count asked for. */
class ImageDecoderTest {

    private static final int W = 7;
    private static final int H = 5;

    private static void assertRgbPattern(DecodedImage image) {
        assertEquals(3, image.channels());
        assertEquals(H, image.height());
        assertEquals(W, image.width());
        int plane = W * H;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(TestImages.red(x, y), image.pixels()[y * W + x], "red at " + x + "," + y);
                assertEquals(TestImages.green(x, y), image.pixels()[plane + y * W + x], "green at " + x + "," + y);
                assertEquals(TestImages.blue(x, y), image.pixels()[2 * plane + y * W + x], "blue at " + x + "," + y);
            }
        }
    }

    private static void assertGreyPattern(DecodedImage image) {
        assertEquals(1, image.channels());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(TestImages.greyValue(x, y), image.pixels()[y * W + x], "grey at " + x + "," + y);
            }
        }
    }

    @Test
    void losslessColourFormatsGiveTheWrittenPixels() throws Exception {
        for (String format : new String[] {"png", "bmp"}) {
            assertRgbPattern(ImageDecoder.decode(TestImages.encode(TestImages.rgb(W, H), format), 3, format));
        }
    }

    @Test
    void greyPngAndPgmGiveTheWrittenValuesNotGammaShiftedOnes() throws Exception {
        assertGreyPattern(ImageDecoder.decode(TestImages.encode(TestImages.grey(W, H), "png"), 1, "grey.png"));
        assertGreyPattern(ImageDecoder.decode(TestImages.pgm(W, H), 1, "grey.pgm"));
    }

    @Test
    void gifKeepsItsPaletteColours() throws Exception {
        BufferedImage image = TestImages.flat(W, H, 200, 100, 50);
        image.setRGB(0, 0, 0x0000ff);
        DecodedImage decoded = ImageDecoder.decode(TestImages.encode(image, "gif"), 3, "a.gif");
        int plane = W * H;
        assertEquals(200, decoded.pixels()[1]);
        assertEquals(100, decoded.pixels()[plane + 1]);
        assertEquals(50, decoded.pixels()[2 * plane + 1]);
        assertEquals(0, decoded.pixels()[0]);
        assertEquals(255, decoded.pixels()[2 * plane]);
    }

    @Test
    void jpegIsCloseToTheWrittenColour() throws Exception {
        DecodedImage decoded = ImageDecoder.decode(TestImages.encode(TestImages.flat(16, 16, 200, 100, 50), "jpeg"), 3, "a.jpg");
        int plane = 256;
        for (int i = 0; i < plane; i++) {
            assertEquals(200, decoded.pixels()[i], 4);
            assertEquals(100, decoded.pixels()[plane + i], 4);
            assertEquals(50, decoded.pixels()[2 * plane + i], 4);
        }
    }

    @Test
    void colourToGreyIsItu601LumaAndGreyToColourReplicates() throws Exception {
        byte[] png = TestImages.encode(TestImages.flat(3, 2, 200, 100, 50), "png");
        DecodedImage grey = ImageDecoder.decode(png, 1, "c.png");
        // 0.299·200 + 0.587·100 + 0.114·50 = 59.8 + 58.7 + 5.7
        for (float v : grey.pixels()) {
            assertEquals(124.2, v, 1e-4);
        }
        DecodedImage rgb = ImageDecoder.decode(TestImages.pgm(W, H), 3, "g.pgm");
        assertEquals(3, rgb.channels());
        int plane = W * H;
        assertArrayEquals(Arrays.copyOfRange(rgb.pixels(), 0, plane), Arrays.copyOfRange(rgb.pixels(), plane, 2 * plane));
        assertArrayEquals(Arrays.copyOfRange(rgb.pixels(), 0, plane), Arrays.copyOfRange(rgb.pixels(), 2 * plane, 3 * plane));
        assertEquals(TestImages.greyValue(3, 2), rgb.pixels()[2 * plane + 2 * W + 3]);
    }

    @Test
    void textAndSixteenBitNetpbm() throws Exception {
        byte[] p2 = "P2\n3 2 # width height\n10\n0 5 10\n10 5 0\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(new float[] {0, 127.5f, 255, 255, 127.5f, 0}, ImageDecoder.decode(p2, 1, "t.pgm").pixels());
        byte[] p3 = "P3 2 1 255 255 0 0 0 0 255".getBytes(StandardCharsets.US_ASCII);
        // CHW: reds, then greens, then blues.
        assertArrayEquals(new float[] {255, 0, 0, 0, 0, 255}, ImageDecoder.decode(p3, 3, "t.ppm").pixels());
        byte[] head = "P6\n1 1\n65535\n".getBytes(StandardCharsets.US_ASCII);
        byte[] p6 = Arrays.copyOf(head, head.length + 6);
        p6[head.length] = (byte) 0xff;   // red 0xffff
        p6[head.length + 1] = (byte) 0xff;
        p6[head.length + 2] = (byte) 0x80;   // green 0x8000
        p6[head.length + 3] = 0;
        float[] pixels = ImageDecoder.decode(p6, 3, "w.ppm").pixels();
        assertEquals(255, pixels[0], 1e-4);
        assertEquals(0x8000 * 255.0 / 65535, pixels[1], 1e-3);
        assertEquals(0, pixels[2]);
    }

    @Test
    void truncatedOrForeignBytesAreErrorsNamingTheSource() {
        byte[] jpeg = TestImages.encode(TestImages.rgb(64, 64), "jpeg");
        MalformedDataException truncated = assertThrows(MalformedDataException.class,
                () -> ImageDecoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), 3, "/data/cut.jpg"));
        assertTrue(truncated.getMessage().startsWith("/data/cut.jpg: "), truncated.getMessage());
        byte[] pgm = TestImages.pgm(W, H);
        MalformedDataException shortPgm = assertThrows(MalformedDataException.class,
                () -> ImageDecoder.decode(Arrays.copyOf(pgm, pgm.length - 3), 1, "cut.pgm"));
        assertTrue(shortPgm.getMessage().contains("cut.pgm: truncated PNM raster (expected 35 bytes"), shortPgm.getMessage());
        MalformedDataException text = assertThrows(MalformedDataException.class,
                () -> ImageDecoder.decode("hello".getBytes(StandardCharsets.US_ASCII), 3, "notes.png"));
        assertTrue(text.getMessage().startsWith("notes.png: not a JPEG, PNG, GIF, BMP or PGM/PPM image"), text.getMessage());
        MalformedDataException empty = assertThrows(MalformedDataException.class, () -> ImageDecoder.decode(new byte[0], 3, "e.jpg"));
        assertTrue(empty.getMessage().contains("the file is empty"), empty.getMessage());
    }

    @Test
    void channelsOtherThanOneOrThreeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDecoder.decode(TestImages.pgm(2, 2), 4, "x.pgm"));
        assertEquals("channels must be 1 (grey) or 3 (RGB), got 4", e.getMessage());
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = ImageDecoderTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    /**
     * A CMYK JPEG (an Adobe-marked file as print tools write it; made by ImageMagick 6.9: {@code convert -size 16x16
     * gradient:'#d04010-#20a0f0' -rotate 30 -resize 16x16! -quality 95 -colorspace CMYK}) decodes to the RGB that
     * ImageMagick's own {@code -colorspace sRGB} gives: pixel (7, 3) is cmyk(0, 144, 191, 73) → rgb(182.0, 79.2, 45.7).
     */
    @Test
    void cmykJpegDecodesToTheRgbOtherToolsGive() throws Exception {
        DecodedImage image = ImageDecoder.decodeNative(resource("cmyk-16x16.jpg"), "cmyk-16x16.jpg");
        assertEquals(3, image.channels());
        int plane = 16 * 16;
        int at = 3 * 16 + 7;
        assertEquals(182.0, image.pixels()[at], 1.0);
        assertEquals(79.2, image.pixels()[plane + at], 1.0);
        assertEquals(45.7, image.pixels()[2 * plane + at], 1.0);
        assertEquals(255, image.pixels()[0], 1.0);   // srgb(255, 254, 255) at (0, 0)
        assertEquals(254, image.pixels()[plane], 1.0);
    }

    /** A greyscale JPEG (ImageMagick {@code -colorspace Gray}) decodes to one channel, gray(91) at (0, 0), gray(139) at (15, 15). */
    @Test
    void greyJpegDecodesToOneChannel() throws Exception {
        DecodedImage image = ImageDecoder.decodeNative(resource("grey-16x16.jpg"), "grey-16x16.jpg");
        assertEquals(1, image.channels());
        assertEquals(91, image.pixels()[0], 0.5);
        assertEquals(139, image.pixels()[255], 0.5);
        assertEquals(3, ImageDecoder.decode(resource("grey-16x16.jpg"), 3, "grey").channels());
    }

    /** A photo whose longer side exceeds the limit is subsampled while it is read: every k-th pixel, k = ⌈side / limit⌉. */
    @Test
    void decodingAtMostSubsamplesLargeImages() throws Exception {
        BufferedImage big = new BufferedImage(100, 40, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 100; x++) {
                big.setRGB(x, y, (x << 16) | (y << 8));
            }
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(big, "png", png);
        DecodedImage small = ImageDecoder.decodeNativeAtMost(png.toByteArray(), 30, "big.png");
        assertEquals(25, small.width());    // k = ⌈100 / 30⌉ = 4
        assertEquals(10, small.height());
        assertEquals(4 * 5, small.pixels()[5], 0);             // red = x of source column 20
        assertEquals(4 * 2, small.pixels()[small.width() * small.height() + 2 * 25], 0);   // green = y of source row 8
        DecodedImage same = ImageDecoder.decodeNativeAtMost(png.toByteArray(), 100, "big.png");
        assertEquals(100, same.width());
    }
}
