package dev.hypersphere.data.recordio;

import dev.hypersphere.data.MalformedDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The payload of an MXNet image record ({@code mx.recordio.pack}): the header {@code IfQQ} (uint32 flag, float32
 * label, uint64 id, uint64 id2; 24 bytes, little-endian), then, when flag &gt; 0, {@code flag} float32 labels (the
 * scalar label field then unused, written 0), then the encoded image (may be empty, as in insightface's index
 * records).
 *
 * @param labels the {@code flag} extra labels (empty when flag is 0)
 */
public record ImageRecord(float label, float[] labels, long id, long id2, byte[] image) {

    public static final int HEADER_BYTES = 24;

    public ImageRecord {
        labels = labels == null ? new float[0] : labels;
        image = image == null ? new byte[0] : image;
    }

    /** A record with one scalar label (flag 0). */
    public static ImageRecord scalar(float label, long id, long id2, byte[] image) {
        return new ImageRecord(label, new float[0], id, id2, image);
    }

    /** A record with a label vector (flag = its length, scalar label 0). */
    public static ImageRecord vector(float[] labels, long id, long id2, byte[] image) {
        return new ImageRecord(0f, labels.clone(), id, id2, image);
    }

    public int flag() {
        return labels.length;
    }

    /** The class label as insightface reads it: the scalar when flag is 0, else the first of the labels. */
    public float classLabel() {
        return labels.length > 0 ? labels[0] : label;
    }

    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + 4 * labels.length + image.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(labels.length).putFloat(labels.length > 0 ? 0f : label).putLong(id).putLong(id2);
        for (float l : labels) {
            buffer.putFloat(l);
        }
        buffer.put(image);
        return buffer.array();
    }

    /** Parses a payload; {@code where} names it in errors (file and key or offset). */
    public static ImageRecord decode(byte[] payload, String where) throws MalformedDataException {
        ImageRecord header = decodeHeader(payload, payload.length, where);
        int start = HEADER_BYTES + 4 * header.flag();
        return new ImageRecord(header.label(), header.labels(), header.id(), header.id2(),
                Arrays.copyOfRange(payload, start, payload.length));
    }

    /**
     * The header and labels only (image left empty), from the first bytes of a payload whose full length is
     * {@code payloadLength}.
     */
    static ImageRecord decodeHeader(byte[] bytes, int payloadLength, String where) throws MalformedDataException {
        if (payloadLength < HEADER_BYTES) {
            throw new MalformedDataException(where + ": record of " + payloadLength + " bytes is shorter than the 24-byte image header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long flag = Integer.toUnsignedLong(buffer.getInt());
        float label = buffer.getFloat();
        long id = buffer.getLong();
        long id2 = buffer.getLong();
        if (HEADER_BYTES + 4 * flag > payloadLength) {
            throw new MalformedDataException(where + ": header flag " + flag + " announces " + flag + " labels ("
                    + 4 * flag + " bytes) but the record holds " + (payloadLength - HEADER_BYTES) + " bytes after its header");
        }
        if (bytes.length < HEADER_BYTES + 4 * flag) {
            return null;   // the caller peeked too few bytes: read the whole record
        }
        float[] labels = new float[(int) flag];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = buffer.getFloat();
        }
        return new ImageRecord(label, labels, id, id2, new byte[0]);
    }
}
