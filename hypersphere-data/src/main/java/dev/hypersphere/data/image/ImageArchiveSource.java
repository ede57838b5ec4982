package dev.hypersphere.data.image;

import dev.hypersphere.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image folder packed in a {@code .tar} or {@code .tar.gz} (recognised from the bytes), optionally below a
 * prefix inside the archive: with prefix {@code "train/"}, entries {@code train/<class>/<image>} are read and
 * the rest ignored. The archive is read once and the encoded images kept in memory; they are decoded on
 * {@link #get}. Same listing rules as {@link ImageFolderSource}.
 */
public final class ImageArchiveSource extends EncodedImageSource {

    private ImageArchiveSource(String where, SortedMap<String, List<Entry>> byClass, ImageOptions options) throws IOException {
        super(where, byClass, options);
    }

    /** The whole archive is the image folder. */
    public static ImageArchiveSource open(Path archive, ImageOptions options) throws IOException {
        return open(archive, "", options);
    }

    /** The image folder under {@code prefix} ("" for the archive's root; a trailing slash is optional). */
    public static ImageArchiveSource open(Path archive, String prefix, ImageOptions options) throws IOException {
        String base = TarArchives.normalise(prefix);
        if (!base.isEmpty() && !base.endsWith("/")) {
            base += "/";
        }
        SortedMap<String, List<Entry>> byClass = new TreeMap<>();
        String where = archive + (base.isEmpty() ? "" : " (under " + base + ")");
        try (TarArchiveInputStream tar = TarArchives.open(archive)) {
            TarArchiveEntry entry;
            while ((entry = TarArchives.next(tar, archive)) != null) {
                String name = TarArchives.normalise(entry.getName());
                if (!name.startsWith(base)) {
                    continue;
                }
                String relative = name.substring(base.length());
                int slash = relative.indexOf('/');
                if (slash <= 0 || relative.startsWith(".")) {
                    continue;   // entries directly under the prefix are not in a class folder
                }
                String className = relative.substring(0, slash);
                String fileName = relative.substring(relative.lastIndexOf('/') + 1);
                // A class folder exists as soon as anything is in it (as on disk): one without images is reported.
                List<Entry> images = byClass.computeIfAbsent(className, c -> new ArrayList<>());
                if (entry.isDirectory() || !entry.isFile() || fileName.startsWith(".") || !ImageDecoder.isImageName(fileName)) {
                    continue;
                }
                byte[] bytes = TarArchives.readEntry(tar, entry, archive);
                images.add(new MemoryEntry(archive.getFileName() + "!" + name, bytes));
            }
        }
        for (List<Entry> images : byClass.values()) {
            images.sort(Comparator.comparing(Entry::name));
        }
        return new ImageArchiveSource(where, byClass, options);
    }




    private record MemoryEntry(String name, byte[] data) implements Entry {
        @Override
        public byte[] bytes() {
            return data;   // shared, never written: decoders only read it
        }
    }
}
