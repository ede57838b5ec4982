package dev.hypersphere.face.verify;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.image.ImageDecoder;
import dev.hypersphere.data.image.TarArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Photos of people as LFW lays them out, {@code <root>/<Name>/<Name>_0001.jpg}, in a folder or in a {@code .tar} /
 * {@code .tar.gz} (recognised from the bytes). The root is found: it is the one folder two levels above every
 * image (e.g. {@code lfw-deepfunneled/} inside LFW's archive, or the folder given itself); images at other depths
 * make the root ambiguous, and then a prefix must name it. An archive is read once and its encoded images kept in
 * memory (LFW: 13,233 JPEGs, about 110 MB), so that embedding never touches the disk; a folder's images are read
 * when asked for. Photos are found by person and file name without its ending ({@link #find}).
 */
public final class PhotoCollection {

    /** One image: its person (the folder name), its path below the root, and its encoded bytes. */
    public static final class Photo {
        private final String person;
        private final String name;
        private final byte[] data;
        private final Path file;
        private final String origin;

        Photo(String person, String name, byte[] data, Path file, String origin) {
            this.person = person;
            this.name = name;
            this.data = data;
            this.file = file;
            this.origin = origin;
        }

        /** The person: the name of the folder the image is in. */
        public String person() {
            return person;
        }

        /** {@code Name/Name_0001.jpg}: the path below the collection's root. */
        public String name() {
            return name;
        }

        /** The encoded image (kept in memory for an archive, read from disk for a folder). */
        public byte[] bytes() throws IOException {
            return data != null ? data : Files.readAllBytes(file);
        }

        /** Where it came from, for messages: the file, or {@code archive.tar.gz!path/in/archive.jpg}. */
        public String origin() {
            return origin;
        }

        @Override
        public String toString() {
            return origin;
        }
    }

    private final String source;
    private final String root;
    private final SortedMap<String, List<Photo>> byPerson;
    private final Map<String, Photo> byKey;

    private PhotoCollection(String source, String root, SortedMap<String, List<Photo>> byPerson) {
        this.source = source;
        this.root = root;
        this.byPerson = byPerson;
        this.byKey = new HashMap<>();
        for (List<Photo> photos : byPerson.values()) {
            for (Photo photo : photos) {
                byKey.putIfAbsent(key(photo.person(), stem(photo.name())), photo);   // name order: the first ending wins
            }
        }
    }

    /**
     * Opens a folder or a tar(.gz) of photos.
     *
     * @param prefix the root inside it ({@code lfw-deepfunneled/}; a trailing slash is optional), or null / "" to
     *               find it
     */
    public static PhotoCollection open(Path path, String prefix) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + ": no such image folder or archive");
        }
        String base = prefix == null ? null : TarArchives.normalise(prefix);
        if (base != null && !base.isEmpty() && !base.endsWith("/")) {
            base += "/";
        }
        List<Photo> all = Files.isDirectory(path) ? listFolder(path) : readArchive(path);
        return select(path.toString(), all, base == null || base.isEmpty() ? null : base);
    }

    /** Keeps the images {@code <root>/<person>/<file>} of the root given ({@code base}) or found (null). */
    private static PhotoCollection select(String source, List<Photo> all, String base) throws IOException {
        String chosen = base;
        if (chosen == null) {
            SortedMap<String, Integer> roots = new TreeMap<>();
            for (Photo photo : all) {
                if (photo.name().indexOf('/') > 0) {   // an image at the top level is in no person's folder
                    roots.merge(rootOf(photo.name()), 1, Integer::sum);
                }
            }
            if (roots.isEmpty()) {
                throw new MalformedDataException(source + ": no images in person folders found (expected <person>/<image> with an image ending: "
                        + String.join(" ", ImageDecoder.EXTENSIONS.stream().sorted().toList()) + ")");
            }
            if (roots.size() > 1) {
                List<String> listed = new ArrayList<>();
                roots.forEach((r, n) -> listed.add((r.isEmpty() ? "(top level)" : r) + " " + n));
                throw new MalformedDataException(source + ": images lie in person folders under several roots ("
                        + String.join(", ", listed.subList(0, Math.min(5, listed.size()))) + (listed.size() > 5 ? ", …" : "")
                        + " images): name the one to use as the prefix");
            }
            chosen = roots.firstKey();
        }
        SortedMap<String, List<Photo>> people = new TreeMap<>();
        for (Photo photo : all) {
            if (!photo.name().startsWith(chosen)) {
                continue;
            }
            String relative = photo.name().substring(chosen.length());
            int slash = relative.indexOf('/');
            if (slash <= 0 || slash != relative.lastIndexOf('/')) {
                continue;   // not directly in a person folder below the root
            }
            people.computeIfAbsent(relative.substring(0, slash), p -> new ArrayList<>())
                    .add(new Photo(relative.substring(0, slash), relative, photo.data, photo.file, photo.origin));
        }
        if (people.isEmpty()) {
            throw new MalformedDataException(source + ": no images in person folders under '" + chosen
                    + "' (expected " + chosen + "<person>/<image>)");
        }
        for (List<Photo> photos : people.values()) {
            photos.sort((a, b) -> a.name().compareTo(b.name()));
        }
        return new PhotoCollection(source, chosen, Collections.unmodifiableSortedMap(people));
    }

    /** The folder or archive, as given. */
    public String source() {
        return source;
    }

    /** The root below which the person folders lie ("" for the top level; else ends with '/'). */
    public String root() {
        return root;
    }

    /** The source and its root, for messages: {@code lfw.tar.gz (under lfw-deepfunneled/)}. */
    public String describe() {
        return source + (root.isEmpty() ? "" : " (under " + root + ")");
    }

    /** The people (folder names), sorted. */
    public List<String> people() {
        return List.copyOf(byPerson.keySet());
    }

    /** A person's photos in name order (empty for someone not in the collection). */
    public List<Photo> photos(String person) {
        return byPerson.getOrDefault(person, List.of());
    }

    /** Every photo: people in name order, each one's photos in name order. */
    public List<Photo> photos() {
        List<Photo> all = new ArrayList<>();
        byPerson.values().forEach(all::addAll);
        return all;
    }

    public int size() {
        return byKey.size();
    }

    /** The photo {@code <person>/<stem>.<any image ending>}, e.g. ("Abel_Pacheco", "Abel_Pacheco_0001"). */
    public Optional<Photo> find(String person, String stem) {
        return Optional.ofNullable(byKey.get(key(person, stem)));
    }

    private static String key(String person, String stem) {
        return person + "/" + stem;
    }

    /** {@code a/B/B_0001.jpg} → {@code B_0001}. */
    private static String stem(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The folder two levels above an image: {@code x/y/Name/Name_0001.jpg} → {@code x/y/}; "" at the top. */
    private static String rootOf(String name) {
        int file = name.lastIndexOf('/');
        int person = name.lastIndexOf('/', file - 1);
        return person < 0 ? "" : name.substring(0, person + 1);
    }

    private static List<Photo> listFolder(Path folder) throws IOException {
        List<Photo> photos = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                if (isImage(name)) {
                    photos.add(new Photo("", name, null, file, file.toString()));
                }
            }
        }
        return photos;
    }

    private static List<Photo> readArchive(Path archive) throws IOException {
        List<Photo> photos = new ArrayList<>();
        try (TarArchiveInputStream tar = TarArchives.open(archive)) {
            TarArchiveEntry entry;
            while ((entry = next(tar, archive)) != null) {
                String name = TarArchives.normalise(entry.getName());
                if (!entry.isFile() || !isImage(name)) {
                    continue;
                }
                byte[] bytes = TarArchives.readEntry(tar, entry, archive);
                photos.add(new Photo("", name, bytes, null, archive + "!" + name));
            }
        }
        return photos;
    }

    /** Image endings only, hidden files (e.g. macOS's {@code ._x.jpg}) left out. */
    private static boolean isImage(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return !file.startsWith(".") && ImageDecoder.isImageName(file.toLowerCase(Locale.ROOT));
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, Path archive) throws MalformedDataException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new MalformedDataException(archive + ": not a folder and not a readable tar or tar.gz archive ("
                    + e.getMessage() + ")", e);
        }
    }


}
