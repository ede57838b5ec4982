package dev.hypersphere.data.recordio;

import dev.hypersphere.data.MalformedDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .idx} file of MXNet's {@code MXIndexedRecordIO}: one line {@code key\toffset} per record, the offset
 * being that of the record's first magic. Keys are kept in file order (insightface's {@code imgrec.keys}).
 */
public final class RecordIoIndex {

    private RecordIoIndex() {}

    /** Key → offset, in file order. */
    public static Map<Long, Long> read(Path idx) throws IOException {
        if (!Files.isRegularFile(idx)) {
            throw new MalformedDataException(idx + ": RecordIO index not found (expected key<TAB>offset lines beside the .rec)");
        }
        Map<Long, Long> offsets = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(idx, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split("\\s+");
                long key;
                long offset;
                try {
                    if (fields.length != 2) {
                        throw new NumberFormatException();
                    }
                    key = Long.parseLong(fields[0]);
                    offset = Long.parseLong(fields[1]);
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(idx + ": line " + number + " is not 'key<TAB>offset': '" + abbreviate(line) + "'");
                }
                if (offset < 0) {
                    throw new MalformedDataException(idx + ": line " + number + ": negative offset " + offset);
                }
                if (offsets.put(key, offset) != null) {
                    throw new MalformedDataException(idx + ": line " + number + ": key " + key + " appears twice");
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MalformedDataException(idx + ": not a text index file (expected key<TAB>offset lines)", e);
        }
        return Collections.unmodifiableMap(offsets);
    }

    /** The lines of an index, as MXNet writes them ({@code "%s\t%d\n"}). */
    public static String format(Map<Long, Long> offsets) {
        StringBuilder text = new StringBuilder(offsets.size() * 16);
        offsets.forEach((key, offset) -> text.append(key).append('\t').append(offset).append('\n'));
        return text.toString();
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "…";
    }
}
