package dev.hypersphere.data.recordio;

import dev.hypersphere.data.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads RecordIO records from a {@code .rec} file by offset, re-joining multi-part records with the magic between
 * parts (dmlc-core's {@code RecordIOReader::NextRecord}). Reads are positional, so {@link #read} is safe to call
 * from several threads at once. Every malformation is reported with the file, the offset, and what was expected.
 */
public final class RecordIoReader implements Closeable {

    /** A record and where it starts. */
    public record Record(long offset, byte[] payload, long next) {}

    private final Path path;
    private final FileChannel channel;
    private final long size;

    public RecordIoReader(Path path) throws IOException {
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new MalformedDataException(path + ": cannot open RecordIO file (" + e.getMessage() + ")", e);
        }
        this.size = channel.size();
    }

    public Path path() {
        return path;
    }

    /** File length in bytes. */
    public long size() {
        return size;
    }

    /** The whole record whose first magic is at {@code offset}. */
    public byte[] read(long offset) throws IOException {
        return readRecord(offset).payload();
    }

    /** The record at {@code offset}, with the offset of the one after it. */
    public Record readRecord(long offset) throws IOException {
        ByteArrayOutputStream joined = null;
        long position = offset;
        byte[] single = null;
        boolean first = true;
        while (true) {
            int lrec = header(position, offset);
            int cflag = RecordIo.cflag(lrec);
            int length = RecordIo.length(lrec);
            if (first ? cflag == RecordIo.MIDDLE || cflag == RecordIo.LAST : cflag == RecordIo.WHOLE || cflag == RecordIo.FIRST) {
                throw new MalformedDataException(path + ": record at offset " + offset + ": part at offset " + position
                        + " has cflag " + cflag + (first ? " (a continuation part where a record should start)"
                        : " (a new record inside an unfinished multi-part record)"));
            }
            long payloadAt = position + 8;
            int padded = RecordIo.padded(length);
            if (payloadAt + length > size) {
                throw new MalformedDataException(path + ": truncated: record at offset " + offset + " needs "
                        + length + " bytes from offset " + payloadAt + " but the file ends at " + size);
            }
            byte[] part = bytesAt(payloadAt, length, offset);
            position = payloadAt + padded;
            if (cflag == RecordIo.WHOLE) {
                single = part;
                break;
            }
            if (joined == null) {
                joined = new ByteArrayOutputStream(length * 2 + 8);
            }
            joined.write(part);
            if (cflag == RecordIo.LAST) {
                break;
            }
            joined.write(new byte[] {0x0a, 0x23, (byte) 0xd7, (byte) 0xce});
            first = false;
        }
        return new Record(offset, single != null ? single : joined.toByteArray(), Math.min(position, size));
    }

    /**
     * The first {@code count} bytes of the record at {@code offset} when it is a single part at least that long,
     * else null (then read the whole record). Lets an index scan read headers without the images.
     */
    public byte[] peek(long offset, int count) throws IOException {
        int lrec = header(offset, offset);
        if (RecordIo.cflag(lrec) != RecordIo.WHOLE) {
            if (RecordIo.cflag(lrec) != RecordIo.FIRST) {
                throw new MalformedDataException(path + ": record at offset " + offset + " starts with a continuation part (cflag "
                        + RecordIo.cflag(lrec) + ")");
            }
            return null;
        }
        int length = RecordIo.length(lrec);
        if (offset + 8 + length > size) {
            throw new MalformedDataException(path + ": truncated: record at offset " + offset + " needs " + length
                    + " bytes from offset " + (offset + 8) + " but the file ends at " + size);
        }
        return length < count ? null : bytesAt(offset + 8, count, offset);
    }

    private int header(long position, long recordOffset) throws IOException {
        if (position < 0 || position + 8 > size) {
            throw new MalformedDataException(path + ": " + (position == recordOffset ? "no record at offset " + position
                    : "truncated: record at offset " + recordOffset + " continues at offset " + position)
                    + " (the file ends at " + size + ")");
        }
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        fill(buffer, position);
        int magic = buffer.getInt(0);
        if (magic != RecordIo.MAGIC) {
            throw new MalformedDataException(String.format("%s: no RecordIO magic at offset %d%s (found 0x%08x, expected %s): "
                            + "the file is corrupt or its .idx does not belong to it", path, position,
                    position == recordOffset ? "" : " (part of the record at offset " + recordOffset + ")", magic,
                    RecordIo.MAGIC_HEX));
        }
        return buffer.getInt(4);
    }

    private byte[] bytesAt(long position, int length, long recordOffset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            fill(buffer, position);
        } catch (MalformedDataException e) {
            throw new MalformedDataException(path + ": truncated: record at offset " + recordOffset + " ends early ("
                    + e.getMessage() + ")");
        }
        return buffer.array();
    }

    private void fill(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new MalformedDataException("end of file at offset " + at);
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
