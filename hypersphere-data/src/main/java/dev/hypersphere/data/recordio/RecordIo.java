package dev.hypersphere.data.recordio;

/**
 * The framing of dmlc-core's RecordIO (MXNet's {@code .rec} files), all integers little-endian: each part starts
 * with the magic {@value #MAGIC_HEX} and a word {@code lrec = cflag << 29 | length}; its payload follows, padded
 * with zeros to a multiple of 4 bytes. cflag 0 is a whole record; 1, 2, 3 the first, a middle and the last part
 * of a record that the writer split where the magic occurred at a 4-byte-aligned offset of the payload (the magic
 * itself is dropped there and put back by the reader).
 */
public final class RecordIo {

    /** The magic word, 0xced7230a; on disk as the bytes 0a 23 d7 ce. */
    public static final int MAGIC = 0xced7230a;
    static final String MAGIC_HEX = "0xced7230a";
    /** Largest payload of one part: 2^29 − 1 bytes. */
    public static final int MAX_LENGTH = (1 << 29) - 1;

    public static final int WHOLE = 0;
    public static final int FIRST = 1;
    public static final int MIDDLE = 2;
    public static final int LAST = 3;

    private RecordIo() {}

    public static int encodeLrec(int cflag, int length) {
        return (cflag << 29) | length;
    }

    public static int cflag(int lrec) {
        return lrec >>> 29;
    }

    public static int length(int lrec) {
        return lrec & MAX_LENGTH;
    }

    /** {@code length} rounded up to a multiple of 4. */
    public static int padded(int length) {
        return (length + 3) & ~3;
    }
}
