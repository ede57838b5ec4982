package dev.hypersphere.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens an image set given as a folder or a {@code .tar}/{@code .tar.gz} of one, finding the level that holds the
 * identity folders: published sets are often wrapped in one top folder ({@code lfw-deepfunneled/<Name>/…},
 * {@code celeba-299/<id>/…}), which would otherwise be read as a single identity.
 */
public final class ImageSets {

    private ImageSets() {}

    /**
     * @param prefix folder inside an archive that holds the identity folders; empty to find it (an archive or
     *               folder whose only top-level entry is a folder of folders is entered)
     */
    public static EncodedImageSource open(Path set, String prefix, ImageOptions options) throws IOException {
        if (Files.isDirectory(set)) {
            if (!prefix.isEmpty()) {
                throw new IllegalArgumentException("a prefix applies to archives only; for a folder, give the sub-folder itself");
            }
            return ImageFolderSource.open(identityRoot(set), options);
        }
        if (!Files.isRegularFile(set)) {
            throw new IllegalArgumentException(set + ": no such image folder or archive");
        }
        ImageArchiveSource source = ImageArchiveSource.open(set, prefix, options);
        if (prefix.isEmpty() && source.numClasses() == 1 && nestedUnderOneFolder(source)) {
            return ImageArchiveSource.open(set, source.classNames().get(0) + "/", options);
        }
        return source;
    }

    /** Whether every image of a one-class archive lies in a sub-folder of that class folder (a wrapped image set). */
    private static boolean nestedUnderOneFolder(ImageArchiveSource source) {
        for (int i = 0; i < source.size(); i++) {
            String entry = source.name(i).substring(source.name(i).indexOf('!') + 1);
            if (entry.split("/").length < 3) {
                return false;
            }
        }
        return true;
    }

    /** The folder itself, or its only sub-folder when that holds folders and no images of its own. */
    static Path identityRoot(Path folder) throws IOException {
        List<Path> children = list(folder);
        if (children.size() != 1 || !Files.isDirectory(children.get(0))) {
            return folder;
        }
        List<Path> inner = list(children.get(0));
        boolean foldersOnly = !inner.isEmpty() && inner.stream().allMatch(Files::isDirectory);
        return foldersOnly ? children.get(0) : folder;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
