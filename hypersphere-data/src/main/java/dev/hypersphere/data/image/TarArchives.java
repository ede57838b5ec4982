package dev.hypersphere.data.image;

import dev.hypersphere.data.MalformedDataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reading {@code .tar} and {@code .tar.gz} image sets: the stream (gzip recognised by its magic bytes), entries, names. */
public final class TarArchives {

    private TarArchives() {}

    /** The archive's tar stream, gunzipped when the file starts with gzip's magic bytes. */
    public static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        try {
            return new TarArchiveInputStream(decompressed(file, archive));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The next entry, or null at the end; an unreadable header is one error naming the archive. */
    public static TarArchiveEntry next(TarArchiveInputStream tar, Path archive) throws MalformedDataException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new MalformedDataException(archive + ": not a readable tar archive (" + e.getMessage() + ")", e);
        }
    }

    /** The current entry's bytes, all of them: a short read is an error naming the archive and the entry. */
    public static byte[] readEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path archive) throws MalformedDataException {
        byte[] bytes;
        try {
            bytes = tar.readAllBytes();
        } catch (IOException e) {
            throw new MalformedDataException(archive + ": cannot read entry " + entry.getName()
                    + " (archive truncated or corrupt: " + e.getMessage() + ")", e);
        }
        if (bytes.length != entry.getSize()) {
            throw new MalformedDataException(archive + ": entry " + entry.getName() + " is truncated ("
                    + bytes.length + " of " + entry.getSize() + " bytes)");
        }
        return bytes;
    }

    /** An entry name with forward slashes and without leading {@code ./} or {@code /}. */
    public static String normalise(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        return n;
    }

    private static InputStream decompressed(InputStream in, Path archive) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (IOException e) {
                throw new MalformedDataException(archive + ": corrupt gzip header (" + e.getMessage() + ")", e);
            }
        }
        return in;
    }
}
