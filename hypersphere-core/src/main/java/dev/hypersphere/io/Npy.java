package dev.hypersphere.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} files: float32/float64 matrices (N×d) and int32/int64 vectors, C order, little-endian,
 * format versions 1.0, 2.0 and 3.0 (read) and 1.0 (written; 2.0 when the header would not fit).
 *
 * <p>Anything else (big-endian, Fortran order, other types or ranks, a truncated file) is refused with an
 * {@link NpyFormatException} that names the file and says what was expected. Files are written through
 * {@link AtomicFiles}, so a reader never sees half of one.
 */
public final class Npy {

    /** The element types this class reads and writes, with their {@code descr} in the header. */
    public enum DType {
        FLOAT32("<f4", 4), FLOAT64("<f8", 8), INT32("<i4", 4), INT64("<i8", 8);

        final String descr;
        final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** The header's {@code descr} string, e.g. {@code <f4}. */
        public String descr() {
            return descr;
        }
    }

    /** What a file's header says: element type, shape and where the data begins. */
    public record Header(DType dtype, long[] shape, int version, long dataOffset) {

        public long elements() {
            long n = 1;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }

        @Override
        public String toString() {
            return dtype.descr + " " + shapeText(shape) + " (npy v" + version + ")";
        }
    }

    /** A row-major float32 matrix as read from a file (float64 files are rounded to float32). */
    public record FloatMatrix(int rows, int cols, float[] values) {
        public FloatMatrix {
            if ((long) rows * cols != values.length) {
                throw new IllegalArgumentException(rows + "×" + cols + " does not match " + values.length + " values");
            }
        }

        /** Row {@code i} (a copy). */
        public float[] row(int i) {
            return Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
        }
    }

    /** A row-major float64 matrix as read from a file (float32 files are widened exactly). */
    public record DoubleMatrix(int rows, int cols, double[] values) {
        public DoubleMatrix {
            if ((long) rows * cols != values.length) {
                throw new IllegalArgumentException(rows + "×" + cols + " does not match " + values.length + " values");
            }
        }
    }

    /** A file that is not a .npy this class can read; the message names the file and what was wrong. */
    public static final class NpyFormatException extends IOException {
        public NpyFormatException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Arrays at most this many elements fit one Java array. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Npy() {}

    // ---------------------------------------------------------------- reading

    /** Reads and checks the header only. */
    public static Header readHeader(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return parseHeader(file, in);
        }
    }

    /** A 2-D float32 or float64 file as float32 (float64 values are rounded to the nearest float). */
    public static FloatMatrix readFloatMatrix(Path file) throws IOException {
        Header header = readHeader(file);
        int[] shape = requireMatrix(file, header);
        float[] values = new float[Math.toIntExact(header.elements())];
        switch (header.dtype()) {
            case FLOAT32 -> readData(file, header, (buffer, at, count) -> buffer.asFloatBuffer().get(values, at, count));
            case FLOAT64 -> readData(file, header, (buffer, at, count) -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = (float) buffer.getDouble(i * 8);
                }
            });
            default -> throw new NpyFormatException(file, "expected a float32 or float64 matrix (descr '<f4' or '<f8'), got '"
                    + header.dtype().descr + "'");
        }
        return new FloatMatrix(shape[0], shape[1], values);
    }

    /** A 2-D float32 or float64 file as float64 (float32 values are widened exactly). */
    public static DoubleMatrix readDoubleMatrix(Path file) throws IOException {
        Header header = readHeader(file);
        int[] shape = requireMatrix(file, header);
        double[] values = new double[Math.toIntExact(header.elements())];
        switch (header.dtype()) {
            case FLOAT64 -> readData(file, header, (buffer, at, count) -> buffer.asDoubleBuffer().get(values, at, count));
            case FLOAT32 -> readData(file, header, (buffer, at, count) -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = buffer.getFloat(i * 4);
                }
            });
            default -> throw new NpyFormatException(file, "expected a float32 or float64 matrix (descr '<f4' or '<f8'), got '"
                    + header.dtype().descr + "'");
        }
        return new DoubleMatrix(shape[0], shape[1], values);
    }

    /** A 1-D int32 or int64 file (e.g. labels) as longs. */
    public static long[] readLongVector(Path file) throws IOException {
        Header header = readHeader(file);
        if (header.shape().length != 1) {
            throw new NpyFormatException(file, "expected a 1-D int32 or int64 vector, got shape " + shapeText(header.shape()));
        }
        long[] values = new long[Math.toIntExact(header.elements())];
        switch (header.dtype()) {
            case INT64 -> readData(file, header, (buffer, at, count) -> buffer.asLongBuffer().get(values, at, count));
            case INT32 -> readData(file, header, (buffer, at, count) -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = buffer.getInt(i * 4);
                }
            });
            default -> throw new NpyFormatException(file, "expected an int32 or int64 vector (descr '<i4' or '<i8'), got '"
                    + header.dtype().descr + "'");
        }
        return values;
    }

    /** A 1-D int32 or int64 file as ints; values outside the int range are refused. */
    public static int[] readIntVector(Path file) throws IOException {
        long[] values = readLongVector(file);
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != (int) values[i]) {
                throw new NpyFormatException(file, "element " + i + " = " + values[i] + " does not fit a 32-bit int");
            }
            ints[i] = (int) values[i];
        }
        return ints;
    }

    // ---------------------------------------------------------------- writing

    /** Writes a row-major {@code rows × cols} float32 matrix. */
    public static void writeFloatMatrix(Path file, float[] values, int rows, int cols) throws IOException {
        requireLength(values.length, rows, cols);
        write(file, DType.FLOAT32, new long[] {rows, cols}, values.length, (buffer, at, count) -> buffer.asFloatBuffer().put(values, at, count));
    }

    /** Writes a row-major {@code rows × cols} float64 matrix. */
    public static void writeDoubleMatrix(Path file, double[] values, int rows, int cols) throws IOException {
        requireLength(values.length, rows, cols);
        write(file, DType.FLOAT64, new long[] {rows, cols}, values.length, (buffer, at, count) -> buffer.asDoubleBuffer().put(values, at, count));
    }

    /** Writes an int64 vector. */
    public static void writeLongVector(Path file, long[] values) throws IOException {
        write(file, DType.INT64, new long[] {values.length}, values.length, (buffer, at, count) -> buffer.asLongBuffer().put(values, at, count));
    }

    /** Writes an int32 vector. */
    public static void writeIntVector(Path file, int[] values) throws IOException {
        write(file, DType.INT32, new long[] {values.length}, values.length, (buffer, at, count) -> buffer.asIntBuffer().put(values, at, count));
    }

    /** The header bytes NumPy would write for this array: magic, version, length, dict padded to a multiple of 64. */
    static byte[] header(DType dtype, long[] shape) {
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        for (int version = 1; version <= 2; version++) {
            int prefix = MAGIC.length + 2 + (version == 1 ? 2 : 4);
            int total = prefix + dict.length() + 1;
            int padded = (total + 63) / 64 * 64;
            int headerLength = padded - prefix;
            if (version == 1 && headerLength > 0xFFFF) {
                continue;
            }
            ByteBuffer buffer = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(MAGIC).put((byte) version).put((byte) 0);
            if (version == 1) {
                buffer.putShort((short) headerLength);
            } else {
                buffer.putInt(headerLength);
            }
            buffer.put(dict.getBytes(StandardCharsets.US_ASCII));
            while (buffer.position() < padded - 1) {
                buffer.put((byte) ' ');
            }
            buffer.put((byte) '\n');
            return buffer.array();
        }
        throw new IllegalArgumentException("shape " + shapeText(shape) + " does not fit an npy header");
    }

    // ---------------------------------------------------------------- internals

    @FunctionalInterface
    private interface Chunk {
        /** Moves {@code count} elements between the little-endian buffer and the array at {@code at}. */
        void apply(ByteBuffer buffer, int at, int count);
    }

    private static final int CHUNK_BYTES = 1 << 20;

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    private static Header parseHeader(Path file, InputStream in) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 2);
        if (start.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
            throw new NpyFormatException(file, "not a .npy file (it does not begin with \\x93NUMPY)");
        }
        int major = start[MAGIC.length];
        if (major < 1 || major > 3) {
            throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + start[MAGIC.length + 1]
                    + " (expected 1.0, 2.0 or 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new NpyFormatException(file, "truncated header");
        }
        ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
        if (headerLength > 1 << 24) {
            throw new NpyFormatException(file, "header length " + headerLength + " is implausible");
        }
        byte[] dictBytes = in.readNBytes((int) headerLength);
        if (dictBytes.length < headerLength) {
            throw new NpyFormatException(file, "truncated header (expected " + headerLength + " bytes)");
        }
        String dict = new String(dictBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shapeMatch = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new NpyFormatException(file, "header dictionary lacks 'descr', 'fortran_order' or 'shape': " + dict.strip());
        }
        String d = descr.group(1);
        DType dtype = null;
        for (DType candidate : DType.values()) {
            if (candidate.descr.equals(d)) {
                dtype = candidate;
            }
        }
        if (dtype == null) {
            String why = d.startsWith(">") ? "big-endian data is not supported; save little-endian ('<f4', '<f8', '<i4', '<i8')"
                    : "expected float32/float64/int32/int64 ('<f4', '<f8', '<i4', '<i8')";
            throw new NpyFormatException(file, "element type '" + d + "': " + why);
        }
        if (fortran.group(1).equals("True")) {
            throw new NpyFormatException(file, "Fortran-ordered arrays are not supported; save with np.ascontiguousarray (C order)");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shapeMatch.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.strip().replaceAll("L$", "")));
                } catch (NumberFormatException e) {
                    throw new NpyFormatException(file, "cannot read shape (" + shapeMatch.group(1) + ")");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long offset = MAGIC.length + 2 + lengthBytes + headerLength;
        Header header = new Header(dtype, shape, major, offset);
        if (header.elements() > MAX_ELEMENTS) {
            throw new NpyFormatException(file, "shape " + shapeText(shape) + " holds more than " + MAX_ELEMENTS
                    + " elements, too many for one array");
        }
        return header;
    }

    private static int[] requireMatrix(Path file, Header header) throws NpyFormatException {
        if (header.shape().length != 2) {
            throw new NpyFormatException(file, "expected a 2-D matrix (N, d), got shape " + shapeText(header.shape()));
        }
        return new int[] {Math.toIntExact(header.shape()[0]), Math.toIntExact(header.shape()[1])};
    }

    private static void readData(Path file, Header header, Chunk chunk) throws IOException {
        long expected = header.elements() * header.dtype().bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long available = channel.size() - header.dataOffset();
            if (available < expected) {
                throw new NpyFormatException(file, "truncated: the header " + header + " needs " + expected
                        + " bytes of data, the file holds " + Math.max(0, available));
            }
            int elementBytes = header.dtype().bytes;
            int perChunk = CHUNK_BYTES / elementBytes;
            ByteBuffer buffer = ByteBuffer.allocateDirect(perChunk * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
            long position = header.dataOffset();
            long elements = header.elements();
            for (long done = 0; done < elements; ) {
                int count = (int) Math.min(perChunk, elements - done);
                buffer.clear().limit(count * elementBytes);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new EOFException(file + ": unexpected end of data");
                    }
                }
                buffer.flip();
                chunk.apply(buffer.slice().order(ByteOrder.LITTLE_ENDIAN), (int) done, count);
                position += (long) count * elementBytes;
                done += count;
            }
        }
    }

    private static void write(Path file, DType dtype, long[] shape, int elements, Chunk chunk) throws IOException {
        byte[] header = header(dtype, shape);
        AtomicFiles.write(file, out -> {
            out.write(header);
            int perChunk = CHUNK_BYTES / dtype.bytes;
            ByteBuffer buffer = ByteBuffer.allocate(perChunk * dtype.bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < elements; ) {
                int count = Math.min(perChunk, elements - done);
                buffer.clear();
                chunk.apply(buffer, done, count);
                out.write(buffer.array(), 0, count * dtype.bytes);
                done += count;
            }
        });
    }

    private static void requireLength(int length, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + ((long) rows * cols)
                    + " values, got " + length);
        }
    }

    private static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(')').toString();
    }
}
