package dev.hypersphere.search.gallery;

import java.io.IOException;
import java.nio.file.Path;

/** A gallery file that is missing, unreadable or not what this version writes: names the file and what was expected. */
public final class GalleryFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public GalleryFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
