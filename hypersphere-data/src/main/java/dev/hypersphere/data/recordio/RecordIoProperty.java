package dev.hypersphere.data.recordio;

import dev.hypersphere.data.MalformedDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** insightface's {@code property} file beside a pack: one line {@code num_classes,height,width}. */
public record RecordIoProperty(int numClasses, int height, int width) {

    public static RecordIoProperty read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        String[] fields = text.split(",");
        try {
            if (fields.length != 3) {
                throw new NumberFormatException();
            }
            RecordIoProperty property = new RecordIoProperty(Integer.parseInt(fields[0].strip()),
                    Integer.parseInt(fields[1].strip()), Integer.parseInt(fields[2].strip()));
            if (property.numClasses <= 0 || property.height <= 0 || property.width <= 0) {
                throw new NumberFormatException();
            }
            return property;
        } catch (NumberFormatException e) {
            throw new MalformedDataException(file + ": expected 'num_classes,height,width' (three positive integers), found '"
                    + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'");
        }
    }

    /** The file's content, as insightface writes it. */
    public String format() {
        return numClasses + "," + height + "," + width + "\n";
    }
}
