package dev.hypersphere.data.image;

import dev.hypersphere.data.MalformedDataException;

/**
 * Netpbm grey and colour maps: PGM (P2 text, P5 binary) and PPM (P3 text, P6 binary), 8 or 16 bits per sample
 * (16-bit samples are big-endian, as the format specifies). Values are scaled from [0, maxval] to [0, 255].
 * Written here because ImageIO has no PNM reader; the ORL faces are P5.
 */
final class PnmDecoder {

    private final byte[] bytes;
    private final String source;
    private int position;

    private PnmDecoder(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    static boolean accepts(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == 'P' && (bytes[1] == '2' || bytes[1] == '3' || bytes[1] == '5' || bytes[1] == '6');
    }

    static DecodedImage decode(byte[] bytes, String source) throws MalformedDataException {
        return new PnmDecoder(bytes, source).decode();
    }

    private DecodedImage decode() throws MalformedDataException {
        if (!accepts(bytes)) {
            throw new MalformedDataException(source + ": not a PGM/PPM image (expected P2, P3, P5 or P6)");
        }
        char kind = (char) bytes[1];
        position = 2;
        int width = headerNumber("width");
        int height = headerNumber("height");
        int maxValue = headerNumber("maxval");
        if (width <= 0 || height <= 0 || maxValue <= 0 || maxValue > 65535) {
            throw new MalformedDataException(source + ": bad PNM header (width " + width + ", height " + height
                    + ", maxval " + maxValue + "; expected positive sizes and maxval in [1, 65535])");
        }
        int channels = kind == '3' || kind == '6' ? 3 : 1;
        long count = (long) channels * width * height;
        if (count > Integer.MAX_VALUE) {
            throw new MalformedDataException(source + ": image of " + width + "×" + height + " is too large");
        }
        int plane = width * height;
        float[] pixels = new float[(int) count];
        float scale = 255f / maxValue;
        boolean binary = kind == '5' || kind == '6';
        if (binary) {
            position++;   // exactly one whitespace character separates maxval from the raster
            int bytesPerSample = maxValue > 255 ? 2 : 1;
            long needed = count * bytesPerSample;
            if (bytes.length - (long) position < needed) {
                throw new MalformedDataException(source + ": truncated PNM raster (expected " + needed + " bytes of pixels, found "
                        + Math.max(0, bytes.length - position) + ")");
            }
            for (int i = 0; i < count; i++) {
                int value = bytesPerSample == 1 ? bytes[position++] & 0xff
                        : ((bytes[position++] & 0xff) << 8) | (bytes[position++] & 0xff);
                pixels[planar(i, channels, plane)] = Math.min(value, maxValue) * scale;
            }
        } else {
            for (int i = 0; i < count; i++) {
                int value = number("pixel " + i);
                if (value > maxValue) {
                    throw new MalformedDataException(source + ": pixel value " + value + " exceeds maxval " + maxValue);
                }
                pixels[planar(i, channels, plane)] = value * scale;
            }
        }
        return new DecodedImage(pixels, channels, height, width);
    }

    /** Position in CHW of the i-th sample of the file's interleaved (HWC) order. */
    private static int planar(int i, int channels, int plane) {
        return channels == 1 ? i : (i % channels) * plane + i / channels;
    }

    private int headerNumber(String what) throws MalformedDataException {
        return number("header field " + what);
    }

    /** The next decimal number, skipping whitespace and # comments (which run to the end of the line). */
    private int number(String what) throws MalformedDataException {
        while (position < bytes.length) {
            byte b = bytes[position];
            if (b == '#') {
                while (position < bytes.length && bytes[position] != '\n' && bytes[position] != '\r') {
                    position++;
                }
            } else if (Character.isWhitespace(b)) {
                position++;
            } else {
                break;
            }
        }
        long value = 0;
        int start = position;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            value = value * 10 + (bytes[position++] - '0');
            if (value > Integer.MAX_VALUE) {
                throw new MalformedDataException(source + ": PNM " + what + " is too large");
            }
        }
        if (position == start) {
            throw new MalformedDataException(source + ": PNM " + what + (position >= bytes.length ? " missing (file truncated)"
                    : " is not a number (found byte " + (bytes[position] & 0xff) + " at offset " + position + ")"));
        }
        return (int) value;
    }
}
