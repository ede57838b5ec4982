package dev.hypersphere.data.idx;

import dev.hypersphere.data.MalformedDataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (LeCun's MNIST format), plain or gzipped (recognised from the bytes): the magic
 * {@code 0x0000 08 nd} (type 0x08 = unsigned byte, nd dimensions), nd big-endian int32 sizes, then the values.
 * Images are {@code 0x00000803} (count × rows × columns), labels {@code 0x00000801} (count).
 */
public record IdxFile(Path path, int[] dims, byte[] data) {

    /** Reads the whole file; {@code expectedDims} is 3 for images, 1 for labels. */
    public static IdxFile read(Path path, int expectedDims) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new MalformedDataException(path + ": IDX file not found");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             DataInputStream in = new DataInputStream(new BufferedInputStream(maybeGunzip(raw), 1 << 16))) {
            int magic = in.readInt();
            int expectedMagic = 0x0800 | expectedDims;
            if (magic != expectedMagic) {
                throw new MalformedDataException(String.format("%s: bad IDX magic 0x%08x (expected 0x%08x: unsigned bytes in %d dimension%s)",
                        path, magic, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s"));
            }
            int[] dims = new int[expectedDims];
            long count = 1;
            for (int i = 0; i < expectedDims; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new MalformedDataException(path + ": negative IDX size " + dims[i] + " in dimension " + i);
                }
                count *= dims[i];
            }
            if (count > Integer.MAX_VALUE - 16) {
                throw new MalformedDataException(path + ": IDX array of " + Arrays.toString(dims) + " is too large");
            }
            byte[] data = new byte[(int) count];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new MalformedDataException(path + ": truncated IDX file (header " + Arrays.toString(dims) + " needs "
                        + data.length + " bytes of values, found " + read + ")");
            }
            return new IdxFile(path, dims, data);
        } catch (EOFException e) {
            throw new MalformedDataException(path + ": truncated IDX file (ends inside the header)", e);
        } catch (MalformedDataException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedDataException(path + ": cannot read IDX file (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
