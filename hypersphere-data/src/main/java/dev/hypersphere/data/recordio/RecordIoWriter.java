package dev.hypersphere.data.recordio;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes RecordIO records exactly as dmlc-core's {@code RecordIOWriter::WriteRecord}: a payload is split into
 * parts wherever the magic word appears at a 4-byte-aligned offset (dropping it there), and only the last part is
 * padded. Not thread-safe; the caller owns (and closes) the stream.
 */
public final class RecordIoWriter {

    private static final byte[] MAGIC_BYTES = {0x0a, 0x23, (byte) 0xd7, (byte) 0xce};
    private static final byte[] ZEROS = new byte[4];

    private final OutputStream out;
    private long position;
    private final byte[] word = new byte[4];

    /** Writes to {@code out}, whose current position is taken as offset 0 (where the file starts). */
    public RecordIoWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far: the offset the next record will start at. */
    public long position() {
        return position;
    }

    /** Writes one record and returns the offset of its first magic (what a {@code .idx} line stores). */
    public long write(byte[] payload) throws IOException {
        if (payload.length > RecordIo.MAX_LENGTH) {
            throw new IllegalArgumentException("a RecordIO record holds at most 2^29 − 1 bytes, got " + payload.length);
        }
        long start = position;
        int length = payload.length;
        int lowerAligned = length & ~3;
        int done = 0;
        for (int i = 0; i < lowerAligned; i += 4) {
            if (payload[i] == MAGIC_BYTES[0] && payload[i + 1] == MAGIC_BYTES[1] && payload[i + 2] == MAGIC_BYTES[2]
                    && payload[i + 3] == MAGIC_BYTES[3]) {
                writePart(done == 0 ? RecordIo.FIRST : RecordIo.MIDDLE, payload, done, i - done);
                done = i + 4;
            }
        }
        writePart(done != 0 ? RecordIo.LAST : RecordIo.WHOLE, payload, done, length - done);
        int pad = RecordIo.padded(length) - length;   // dmlc pads by the whole payload's length (parts before are aligned)
        if (pad != 0) {
            out.write(ZEROS, 0, pad);
            position += pad;
        }
        return start;
    }

    private void writePart(int cflag, byte[] payload, int from, int length) throws IOException {
        out.write(MAGIC_BYTES);
        int lrec = RecordIo.encodeLrec(cflag, length);
        word[0] = (byte) lrec;
        word[1] = (byte) (lrec >>> 8);
        word[2] = (byte) (lrec >>> 16);
        word[3] = (byte) (lrec >>> 24);
        out.write(word);
        out.write(payload, from, length);
        position += 8 + length;
    }
}
