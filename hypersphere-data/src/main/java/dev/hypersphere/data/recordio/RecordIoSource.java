package dev.hypersphere.data.recordio;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.ChannelConversion;
import dev.hypersphere.data.image.DecodedImage;
import dev.hypersphere.data.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * An insightface training pack: {@code train.rec} with its {@code train.idx} and, if present, the
 * {@code property} file beside them. When record 0 has a label vector (flag &gt; 0), its first label n says the
 * images are the keys [1, n) and its second the end of the identity records that follow ({@link #layout()});
 * otherwise every key of the index is an image. Each image's class is its own label (the first of its labels when
 * it has several). Class names come from {@code PREFIX.classes.tsv} when the pack has one (as {@code hypersphere
 * pack} writes), else they are the label numbers. All image headers are read when the pack opens (to know the labels); images are decoded on
 * {@link #get}.
 */
public final class RecordIoSource implements SampleSource {

    /**
     * insightface's record-0 layout: image keys [1, imageEnd), identity records [imageEnd, identityEnd) whose
     * labels give each identity's key range [first, end).
     */
    public record Layout(long imageEnd, long identityEnd) {}

    private final Path rec;
    private final RecordIoReader reader;
    private final long[] keys;
    private final long[] offsets;
    private final int[] labels;
    private final List<String> classNames;
    private final int channels;
    private final Optional<RecordIoProperty> property;
    private final Path propertyFile;
    private final Optional<Layout> layout;

    private RecordIoSource(Path rec, RecordIoReader reader, long[] keys, long[] offsets, int[] labels, List<String> classNames,
                           int channels, Optional<RecordIoProperty> property, Path propertyFile, Optional<Layout> layout) {
        this.rec = rec;
        this.reader = reader;
        this.keys = keys;
        this.offsets = offsets;
        this.labels = labels;
        this.classNames = classNames;
        this.channels = channels;
        this.property = property;
        this.propertyFile = propertyFile;
        this.layout = layout;
    }

    /** {@code prefix.rec} with {@code prefix.idx} and the {@code property} file in the same folder (if present). */
    public static RecordIoSource open(Path rec, int channels) throws IOException {
        String name = rec.getFileName().toString();
        String stem = name.endsWith(".rec") ? name.substring(0, name.length() - 4) : name;
        Path idx = rec.resolveSibling(stem + ".idx");
        Path property = rec.toAbsolutePath().resolveSibling("property");
        return open(rec, idx, Files.exists(property) ? property : null, channels);
    }

    /** @param property the property file, or null to take the class count from the labels and not check sizes */
    public static RecordIoSource open(Path rec, Path idx, Path property, int channels) throws IOException {
        ChannelConversion.requireChannels("channels", channels);
        Map<Long, Long> index = RecordIoIndex.read(idx);
        Optional<RecordIoProperty> declared = property == null ? Optional.empty() : Optional.of(RecordIoProperty.read(property));
        RecordIoReader reader = new RecordIoReader(rec);
        try {
            if (index.isEmpty()) {
                throw new MalformedDataException(idx + ": empty index (no records)");
            }
            for (Map.Entry<Long, Long> e : index.entrySet()) {
                if (e.getValue() >= reader.size()) {
                    throw new MalformedDataException(idx + ": key " + e.getKey() + " points at offset " + e.getValue()
                            + ", past the end of " + rec + " (" + reader.size() + " bytes): truncated .rec or wrong .idx");
                }
            }
            Optional<Layout> layout = Optional.empty();
            List<Long> imageKeys = new ArrayList<>();
            Long zero = index.get(0L);
            ImageRecord first = zero == null ? null : header(reader, zero, rec + " record key 0 (offset " + zero + ")");
            if (first != null && first.flag() > 0) {
                long end = (long) first.labels()[0];
                long identityEnd = first.flag() > 1 ? (long) first.labels()[1] : end;
                if (end < 1 || end != first.labels()[0]) {
                    throw new MalformedDataException(rec + ": record 0 announces image keys [1, " + first.labels()[0]
                            + "), expected a whole number ≥ 1");
                }
                layout = Optional.of(new Layout(end, identityEnd));
                for (long key = 1; key < end; key++) {
                    if (!index.containsKey(key)) {
                        throw new MalformedDataException(idx + ": image key " + key + " is missing (record 0 of " + rec
                                + " announces image keys [1, " + end + "))");
                    }
                    imageKeys.add(key);
                }
            } else {
                imageKeys.addAll(index.keySet());
            }
            int n = imageKeys.size();
            long[] keys = new long[n];
            long[] offsets = new long[n];
            int[] labels = new int[n];
            int maxLabel = -1;
            for (int i = 0; i < n; i++) {
                keys[i] = imageKeys.get(i);
                offsets[i] = index.get(keys[i]);
                String where = rec + " record key " + keys[i] + " (offset " + offsets[i] + ")";
                float value = header(reader, offsets[i], where).classLabel();
                if (!(value >= 0) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
                    throw new MalformedDataException(where + ": label " + value + " is not a class index (a whole number ≥ 0)");
                }
                labels[i] = (int) value;
                maxLabel = Math.max(maxLabel, labels[i]);
            }
            int numClasses = maxLabel + 1;
            if (declared.isPresent() && declared.get().numClasses() != numClasses) {
                throw new MalformedDataException(property + ": num_classes " + declared.get().numClasses()
                        + " does not match the pack, whose labels run 0.." + maxLabel + " (" + numClasses + " classes) in " + rec);
            }
            RecordIoSource source = new RecordIoSource(rec, reader, keys, offsets, labels, classNames(rec, numClasses), channels,
                    declared, property, layout);
            if (n > 0) {
                source.get(0);   // the size check against the property, before a long job starts
            }
            return source;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The names in {@code PREFIX.classes.tsv} beside the pack (written by {@link RecordIoPacker}: label, tab, name),
     * else "0", "1", ….
     */
    private static List<String> classNames(Path rec, int numClasses) throws IOException {
        String name = rec.getFileName().toString();
        Path file = rec.resolveSibling((name.endsWith(".rec") ? name.substring(0, name.length() - 4) : name) + ".classes.tsv");
        if (!Files.isRegularFile(file)) {
            return IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
        }
        List<String> names = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] fields = lines.get(i).split("\t", 2);
            if (fields.length != 2 || !fields[0].equals(Integer.toString(names.size()))) {
                throw new MalformedDataException(file + ": line " + (i + 1) + " should be '" + names.size() + "<TAB>name'");
            }
            names.add(fields[1]);
        }
        if (names.size() != numClasses) {
            throw new MalformedDataException(file + ": names " + names.size() + " classes but " + rec + " has " + numClasses);
        }
        return List.copyOf(names);
    }

    private static ImageRecord header(RecordIoReader reader, long offset, String where) throws IOException {
        byte[] peeked = reader.peek(offset, ImageRecord.HEADER_BYTES + 8);
        if (peeked != null) {
            ImageRecord header = ImageRecord.decodeHeader(peeked, Integer.MAX_VALUE, where);
            if (header != null) {
                return header;
            }
        }
        byte[] payload = reader.read(offset);
        return ImageRecord.decode(payload, where);
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Sample get(int index) throws IOException {
        String where = rec.getFileName() + "#" + keys[index];
        byte[] payload = reader.read(offsets[index]);
        ImageRecord record = ImageRecord.decode(payload, rec + " record key " + keys[index] + " (offset " + offsets[index] + ")");
        DecodedImage image = ImageDecoder.decode(record.image(), channels, rec + " record key " + keys[index]);
        if (property.isPresent() && (image.height() != property.get().height() || image.width() != property.get().width())) {
            throw new MalformedDataException(propertyFile + ": declares " + property.get().height() + "×" + property.get().width()
                    + " (height×width) images but " + rec + " record key " + keys[index] + " is " + image.height() + "×"
                    + image.width());
        }
        return image.toSample(labels[index], where);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** The record key of sample {@code index}. */
    public long key(int index) {
        return keys[index];
    }

    /** Record 0's layout, when the pack has one. */
    public Optional<Layout> layout() {
        return layout;
    }

    public Optional<RecordIoProperty> property() {
        return property;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
