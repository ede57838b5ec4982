package dev.hypersphere.face.verify;

import dev.hypersphere.eval.io.PairList;
import dev.hypersphere.eval.io.PairsFile;
import dev.hypersphere.eval.io.RowsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An LFW-format pairs file read by names: the images it names ({@code Name/Name_%04d.jpg}), each listed once, in
 * the order of first use; the pairs as rows of that list ({@link #pairs()}, folds and warnings exactly as
 * {@link PairsFile} gives them to the evaluation); the people of each fold; and the photos of a
 * {@link PhotoCollection} that the names resolve to ({@link #resolve}).
 *
 * <p>Format: a first line {@code FOLDS N}, then per fold N same pairs {@code Name i j} and N different pairs
 * {@code Name1 i Name2 j} (LFW View 2: {@code 10 300}). Image {@code i} of {@code Name} is {@code Name/Name_000i.*}
 * (any image ending), else {@code Name/i.*} (ORL's naming).
 */
public final class PairImages {

    /** One image a pair names: person and number, and the pairs file line that first names it (1-based). */
    public record ImageName(String person, int number, int line) {

        /** {@code Name/Name_0001.jpg}: LFW's file name for it. */
        public String lfwName() {
            return String.format(Locale.ROOT, "%s/%s_%04d.jpg", person, person, number);
        }

        String key() {
            return person + "/" + number;
        }
    }

    private final Path file;
    private final List<ImageName> images;
    private final PairList pairs;
    private final List<String[]> pairPeople;   // per pair: the person on each side

    private PairImages(Path file, List<ImageName> images, PairList pairs, List<String[]> pairPeople) {
        this.file = file;
        this.images = List.copyOf(images);
        this.pairs = pairs;
        this.pairPeople = pairPeople;
    }

    /** Reads an LFW-format pairs file; a line that is not a pair is an error naming the file and the line. */
    public static PairImages read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": pairs file not found");
        }
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses pairs text; {@code file} names it in messages. */
    public static PairImages parse(Path file, String text) {
        List<String> lines = text.lines().toList();
        int header = 0;
        while (header < lines.size() && (lines.get(header).isBlank() || lines.get(header).strip().startsWith("#"))) {
            header++;
        }
        String[] head = header < lines.size() ? lines.get(header).strip().split("\\s+") : new String[0];
        if (head.length != 2 || !head[0].matches("\\d+") || !head[1].matches("\\d+")) {
            throw new IllegalArgumentException(file + " line " + (header + 1) + ": expected LFW's header 'FOLDS PAIRS_PER_SIDE' "
                    + "(e.g. '10 300'): image pairs need an LFW-format pairs file");
        }
        Map<String, ImageName> unique = new LinkedHashMap<>();
        List<String[]> people = new ArrayList<>();
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;   // as PairsFile: blank lines hold no pair
            }
            String[] t = line.split("\\s+");
            if (t.length != 3 && t.length != 4) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'Name i j' or 'Name1 i Name2 j', got '"
                        + line + "'");
            }
            String a = t[0];
            String b = t.length == 3 ? t[0] : t[2];
            for (ImageName name : List.of(new ImageName(a, number(file, i, t[1]), i + 1),
                    new ImageName(b, number(file, i, t.length == 3 ? t[2] : t[3]), i + 1))) {
                unique.putIfAbsent(name.key(), name);
            }
            people.add(new String[] {a, b});
        }
        List<ImageName> images = new ArrayList<>(unique.values());
        // The pairs as rows of `images`, through the evaluation's own reader: the same folds and warnings.
        List<String> labels = images.stream().map(ImageName::person).toList();
        List<String> paths = images.stream().map(ImageName::lfwName).toList();
        PairList pairs = PairsFile.parse(file.toString(), text, new RowsFile(labels, paths), images.size());
        if (pairs.size() != people.size()) {
            throw new IllegalStateException(file + ": read " + people.size() + " pairs by name but " + pairs.size() + " by row");
        }
        return new PairImages(file, images, pairs, people);
    }

    private static int number(Path file, int line, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + (line + 1) + ": image number '" + text + "' is not a whole number >= 0");
        }
    }

    public Path file() {
        return file;
    }

    /** Every image the pairs name, once, in the order of first use; row r of {@link #pairs()} is image r. */
    public List<ImageName> images() {
        return images;
    }

    /** The pairs over the rows of {@link #images()}, with their folds (0-based) and the reader's warnings. */
    public PairList pairs() {
        return pairs;
    }

    public int folds() {
        return dev.hypersphere.eval.verify.Folds.count(pairs.fold());
    }

    /** The people named by the pairs of the given folds (0-based), sorted: e.g. those to keep out of training. */
    public SortedSet<String> people(Collection<Integer> folds) {
        requireFolds(folds);
        SortedSet<String> out = new TreeSet<>();
        for (int p = 0; p < pairs.size(); p++) {
            if (folds.contains(pairs.fold()[p])) {
                out.add(pairPeople.get(p)[0]);
                out.add(pairPeople.get(p)[1]);
            }
        }
        return out;
    }

    /** Every person named by the pairs, sorted. */
    public SortedSet<String> people() {
        SortedSet<String> out = new TreeSet<>();
        for (String[] two : pairPeople) {
            out.add(two[0]);
            out.add(two[1]);
        }
        return out;
    }

    /** Which people appear in more than one fold (none, for LFW View 2). */
    public FoldDisjointness disjointness() {
        Map<String, SortedSet<Integer>> foldsOf = new TreeMap<>();
        for (int p = 0; p < pairs.size(); p++) {
            for (String person : pairPeople.get(p)) {
                foldsOf.computeIfAbsent(person, x -> new TreeSet<>()).add(pairs.fold()[p]);
            }
        }
        Map<String, SortedSet<Integer>> shared = new TreeMap<>();
        foldsOf.forEach((person, in) -> {
            if (in.size() > 1) {
                shared.put(person, in);
            }
        });
        return new FoldDisjointness(foldsOf.size(), folds(), shared);
    }

    /** Checks that every fold named exists; an error lists the valid ones. */
    public void requireFolds(Collection<Integer> folds) {
        int count = folds();
        for (int f : folds) {
            if (f < 0 || f >= count) {
                throw new IllegalArgumentException(file + " holds folds 0.." + (count - 1) + " (numbered from 0), not " + f);
            }
        }
    }

    /**
     * The photo of each image in {@link #images()}, in that order. An image the collection lacks is one error naming
     * the pairs file, the line that first names it, and the file looked for (with how many others are missing).
     */
    public List<PhotoCollection.Photo> resolve(PhotoCollection photos) {
        List<PhotoCollection.Photo> out = new ArrayList<>(images.size());
        ImageName firstMissing = null;
        int missing = 0;
        for (ImageName image : images) {
            PhotoCollection.Photo photo = photos.find(image.person(), String.format(Locale.ROOT, "%s_%04d", image.person(), image.number()))
                    .or(() -> photos.find(image.person(), Integer.toString(image.number())))
                    .orElse(null);
            if (photo == null) {
                missing++;
                firstMissing = firstMissing == null ? image : firstMissing;
            }
            out.add(photo);
        }
        if (missing > 0) {
            throw new IllegalArgumentException(file + " line " + firstMissing.line() + ": image " + firstMissing.lfwName()
                    + " (any image ending) is not in " + photos.describe()
                    + (missing > 1 ? "; " + (missing - 1) + " more image(s) named by the pairs are missing" : ""));
        }
        return out;
    }
}
