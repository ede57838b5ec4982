package dev.hypersphere.data.recordio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.TestImages;
import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.ImageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RecordIO at the byte level: a fixture assembled here from the format's description (not by the writer under
 * test), read back record by record; the writer must produce exactly those bytes; damaged files give errors that
 * say where.
 */
class RecordIoFormatTest {

    @TempDir
    Path dir;

    private static final byte[] MAGIC = {0x0a, 0x23, (byte) 0xd7, (byte) 0xce};

    /** A little-endian uint32. */
    private static byte[] u32(long value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] u64(long value) {
        return concat(u32(value), u32(value >>> 32));
    }

    private static byte[] f32(float value) {
        return u32(Float.floatToIntBits(value));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One part: magic, lrec = cflag << 29 | length, the bytes, zeros to a multiple of 4. */
    private static byte[] part(int cflag, byte[] bytes) {
        byte[] padding = new byte[(4 - bytes.length % 4) % 4];
        return concat(MAGIC, u32(((long) cflag << 29) | bytes.length), bytes, padding);
    }

    /** The IfQQ header: flag, label, id, id2. */
    private static byte[] header(int flag, float label, long id, long id2) {
        return concat(u32(flag), f32(label), u64(id), u64(id2));
    }

    private static final byte[] PNG = TestImages.encode(TestImages.rgb(7, 5), "png");

    /** Payload of a record whose image bytes hold the magic at a 4-byte-aligned offset of the payload. */
    private static byte[] payloadWithMagic() {
        byte[] head = concat(header(0, 1f, 3, 0), PNG);
        byte[] align = new byte[(4 - head.length % 4) % 4];
        return concat(head, align, MAGIC, "tail!".getBytes());   // PNG readers stop at IEND and ignore what follows
    }

    @Test
    void handMadeFileDecodesToItsLabelsIdsAndImages() throws IOException {
        byte[] scalar = concat(header(0, 3f, 1, 0), PNG);
        byte[] vector = concat(header(2, 0f, 2, 77), f32(5f), f32(6f), PNG);
        byte[] split = payloadWithMagic();
        int cut = split.length - 5 - 4;   // where the magic sits
        assertEquals(0, cut % 4);
        byte[] file = concat(part(0, scalar), part(0, vector),
                part(1, Arrays.copyOfRange(split, 0, cut)), part(3, Arrays.copyOfRange(split, cut + 4, split.length)));
        Path rec = dir.resolve("hand.rec");
        Files.write(rec, file);
        long offsetVector = part(0, scalar).length;
        long offsetSplit = offsetVector + part(0, vector).length;
        try (RecordIoReader reader = new RecordIoReader(rec)) {
            ImageRecord first = ImageRecord.decode(reader.read(0), "first");
            assertEquals(0, first.flag());
            assertEquals(3f, first.classLabel());
            assertEquals(1, first.id());
            assertArrayEquals(PNG, first.image());

            ImageRecord second = ImageRecord.decode(reader.read(offsetVector), "second");
            assertEquals(2, second.flag());
            assertArrayEquals(new float[] {5f, 6f}, second.labels());
            assertEquals(5f, second.classLabel());   // label[0] when flag > 0
            assertEquals(2, second.id());
            assertEquals(77, second.id2());
            assertArrayEquals(PNG, second.image());

            RecordIoReader.Record joined = reader.readRecord(offsetSplit);
            assertArrayEquals(split, joined.payload());   // parts re-joined with the magic between them
            assertEquals(file.length, joined.next());
            DecodedImage image = ImageDecoder.decode(ImageRecord.decode(joined.payload(), "third").image(), 3, "third");
            assertEquals(TestImages.red(6, 4), image.pixels()[4 * 7 + 6]);
        }
    }

    @Test
    void writerProducesExactlyTheHandMadeBytes() throws IOException {
        byte[] scalar = concat(header(0, 3f, 1, 0), PNG, new byte[] {1});   // odd length: padded
        byte[] split = payloadWithMagic();
        int cut = split.length - 9;
        byte[] leadingMagic = concat(MAGIC, MAGIC, "xy".getBytes());   // magic at offsets 0 and 4: empty first and middle parts
        byte[] expected = concat(part(0, scalar),
                part(1, Arrays.copyOfRange(split, 0, cut)), part(3, Arrays.copyOfRange(split, cut + 4, split.length)),
                part(1, new byte[0]), part(2, new byte[0]), part(3, "xy".getBytes()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordIoWriter writer = new RecordIoWriter(out);
        assertEquals(0, writer.write(scalar));
        assertEquals(part(0, scalar).length, writer.write(split));
        long third = writer.write(leadingMagic);
        assertArrayEquals(expected, out.toByteArray());
        assertEquals(expected.length, writer.position());

        Path rec = dir.resolve("w.rec");
        Files.write(rec, out.toByteArray());
        try (RecordIoReader reader = new RecordIoReader(rec)) {
            assertArrayEquals(leadingMagic, reader.read(third));
            assertArrayEquals(split, reader.read(part(0, scalar).length));
        }
    }

    @Test
    void magicOnlyAtUnalignedOffsetsIsNotSplit() throws IOException {
        byte[] payload = concat(new byte[] {9, 9}, MAGIC, new byte[] {9, 9});   // magic at offset 2
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RecordIoWriter(out).write(payload);
        assertArrayEquals(part(0, payload), out.toByteArray());
    }

    @Test
    void damagedFilesSayWhichOffsetAndWhy() throws IOException {
        byte[] scalar = concat(header(0, 3f, 1, 0), PNG);
        byte[] split = payloadWithMagic();
        int cut = split.length - 9;
        byte[] file = concat(part(0, scalar), part(1, Arrays.copyOfRange(split, 0, cut)),
                part(3, Arrays.copyOfRange(split, cut + 4, split.length)));
        long second = part(0, scalar).length;
        Path rec = dir.resolve("cut.rec");

        Files.write(rec, Arrays.copyOf(file, file.length - 6));   // inside the last part's payload
        try (RecordIoReader reader = new RecordIoReader(rec)) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> reader.read(second));
            assertTrue(e.getMessage().startsWith(rec + ": truncated: record at offset " + second + " needs 5 bytes"), e.getMessage());
        }
        Files.write(rec, Arrays.copyOf(file, (int) second + 8 + cut + 3));   // inside the second part's header
        try (RecordIoReader reader = new RecordIoReader(rec)) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> reader.read(second));
            assertTrue(e.getMessage().contains("truncated: record at offset " + second + " continues at offset "
                    + (second + 8 + cut)), e.getMessage());
        }
        Files.write(rec, file);
        try (RecordIoReader reader = new RecordIoReader(rec)) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> reader.read(4));
            assertTrue(e.getMessage().startsWith(rec + ": no RecordIO magic at offset 4 (found 0x"), e.getMessage());
            MalformedDataException past = assertThrows(MalformedDataException.class, () -> reader.read(file.length));
            assertTrue(past.getMessage().contains("no record at offset " + file.length), past.getMessage());
        }
        byte[] orphan = concat(part(3, "abcd".getBytes()));
        Files.write(rec, orphan);
        try (RecordIoReader reader = new RecordIoReader(rec)) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> reader.read(0));
            assertTrue(e.getMessage().contains("has cflag 3 (a continuation part where a record should start)"), e.getMessage());
        }
    }

    @Test
    void headerAnnouncingMoreLabelsThanTheRecordHoldsIsAnError() {
        byte[] payload = concat(header(5, 0f, 1, 0), f32(1f));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> ImageRecord.decode(payload, "x.rec key 9"));
        assertEquals("x.rec key 9: header flag 5 announces 5 labels (20 bytes) but the record holds 4 bytes after its header",
                e.getMessage());
    }

    @Test
    void imageRecordEncodingIsTheIfQqLayout() {
        assertArrayEquals(concat(header(0, 2.5f, 7, 8), new byte[] {42}),
                ImageRecord.scalar(2.5f, 7, 8, new byte[] {42}).encode());
        assertArrayEquals(concat(header(2, 0f, 0, 0), f32(11f), f32(14f)),
                ImageRecord.vector(new float[] {11f, 14f}, 0, 0, new byte[0]).encode());
    }
}
