package dev.hypersphere.data.image;

import dev.hypersphere.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An image folder {@code root/<identity>/<image>} (as torchvision's {@code ImageFolder}): one class per
 * sub-folder, classes in name order, images found at any depth below their class folder, in path order. Files
 * without an image ending and hidden files ({@code .name}) are ignored; files directly under the root too. Files
 * are read on {@link #get} (nothing is cached).
 */
public final class ImageFolderSource extends EncodedImageSource {

    private final Path root;

    private ImageFolderSource(Path root, SortedMap<String, List<Entry>> byClass, ImageOptions options) throws IOException {
        super(root.toString(), byClass, options);
        this.root = root;
    }

    public static ImageFolderSource open(Path root, ImageOptions options) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new MalformedDataException(root + ": not a folder (expected an image folder root/<identity>/<image>)");
        }
        SortedMap<String, List<Entry>> byClass = new TreeMap<>();
        List<Path> classFolders;
        try (Stream<Path> children = Files.list(root)) {
            classFolders = children.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        for (Path folder : classFolders) {
            List<Entry> images = new ArrayList<>();
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> !hidden(p) && ImageDecoder.isImageName(p.getFileName().toString()))
                        .sorted()
                        .forEach(p -> images.add(new FileEntry(p)));
            }
            byClass.put(folder.getFileName().toString(), images);
        }
        return new ImageFolderSource(root, byClass, options);
    }

    public Path root() {
        return root;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private record FileEntry(Path path) implements Entry {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public byte[] bytes() throws IOException {
            return Files.readAllBytes(path);
        }
    }
}
