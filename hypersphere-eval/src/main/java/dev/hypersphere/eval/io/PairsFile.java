package dev.hypersphere.eval.io;

import dev.hypersphere.eval.verify.Folds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads verification pairs in two formats.
 * <ul>
 *   <li><b>LFW {@code pairs.txt}</b>: a first line {@code FOLDS N}, then per fold N same pairs {@code name i j}
 *       and N different pairs {@code name1 i name2 j} (tab or space separated). Names are mapped to embedding rows
 *       through the rows file's paths: image {@code i} of {@code name} is the row whose path ends in
 *       {@code name/name_000i.EXT} (LFW's naming) or {@code name/i.EXT} (e.g. ORL's {@code s1/3.pgm}). The fold of
 *       a pair is its position: the first 2N lines are fold 0, and so on.</li>
 *   <li><b>plain</b>: one pair per line, {@code i j same [fold]}, with row indices i and j, same ∈ {1, 0, true,
 *       false} and an optional 0-based fold; {@code #} starts a comment. Without folds, the pairs are split into
 *       10 contiguous folds.</li>
 * </ul>
 * {@code builtin:orl} names the ORL pairs file shipped with hypersphere (10 folds of 4 identities each, disjoint).
 * A pair that names a missing image or row is an error naming the line; unequal same/different counts are a warning.
 */
public final class PairsFile {

    /** The ORL protocol shipped in this module (made by {@code tools/make_orl_pairs.py}). */
    public static final String BUILTIN_ORL = "builtin:orl";
    private static final String ORL_RESOURCE = "/dev/hypersphere/eval/protocols/orl_pairs.txt";
    private static final int DEFAULT_FOLDS = 10;

    private PairsFile() {}

    /** Reads {@code spec} (a path or {@code builtin:orl}); {@code rows} maps LFW-style names to rows (may be null for plain files). */
    public static PairList read(String spec, RowsFile rows, int rowCount) throws IOException {
        if (spec.equals(BUILTIN_ORL)) {
            try (InputStream in = PairsFile.class.getResourceAsStream(ORL_RESOURCE)) {
                return parse(BUILTIN_ORL, new String(in.readAllBytes(), StandardCharsets.UTF_8), rows, rowCount);
            }
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(spec, null, "pairs file not found");
        }
        return parse(spec, Files.readString(file, StandardCharsets.UTF_8), rows, rowCount);
    }

    /** Parses pairs text; {@code source} names it in messages. */
    public static PairList parse(String source, String text, RowsFile rows, int rowCount) {
        List<String> lines = text.lines().toList();
        int first = 0;
        while (first < lines.size() && (lines.get(first).isBlank() || lines.get(first).strip().startsWith("#"))) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException(source + ": no pairs in the file");
        }
        String[] head = lines.get(first).strip().split("\\s+");
        if (head.length == 2 && head[0].matches("\\d+") && head[1].matches("\\d+")) {
            return parseLfw(source, lines, first, Integer.parseInt(head[0]), Integer.parseInt(head[1]), rows);
        }
        return parsePlain(source, lines, rowCount);
    }

    private static PairList parseLfw(String source, List<String> lines, int headerLine, int folds, int perSide, RowsFile rows) {
        if (rows == null) {
            throw new IllegalArgumentException(source + " names images (LFW format): give the rows file that maps embedding rows to image paths");
        }
        Map<String, Integer> rowOfKey = new HashMap<>();
        for (int r = rows.size() - 1; r >= 0; r--) {   // the first row wins on duplicates
            rowOfKey.put(key(rows.paths().get(r)), r);
        }
        List<int[]> pairs = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        int missing = 0;
        String firstMissing = null;
        for (int i = headerLine + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            String nameA;
            String nameB;
            String a;
            String b;
            if (t.length == 3) {
                nameA = t[0];
                nameB = t[0];
                a = t[1];
                b = t[2];
            } else if (t.length == 4) {
                nameA = t[0];
                a = t[1];
                nameB = t[2];
                b = t[3];
            } else {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'name i j' or 'name1 i name2 j', got '" + line + "'");
            }
            Integer rowA = lookup(rowOfKey, nameA, a, source, i);
            Integer rowB = lookup(rowOfKey, nameB, b, source, i);
            if (rowA == null || rowB == null) {
                missing++;
                if (firstMissing == null) {
                    String name = rowA == null ? nameA : nameB;
                    String number = rowA == null ? a : b;
                    firstMissing = source + " line " + (i + 1) + ": no embedding row for '" + name + " " + number
                            + "' (looked for a path ending in " + candidates(name, number) + ")";
                }
                continue;
            }
            pairs.add(new int[] {rowA, rowB});
            same.add(t.length == 3);
        }
        if (missing > 0) {
            throw new IllegalArgumentException(firstMissing + (missing > 1 ? "; " + missing + " pairs reference missing images" : ""));
        }
        List<String> warnings = new ArrayList<>();
        int n = pairs.size();
        int[] fold;
        if (n == folds * 2 * perSide && folds >= 2) {
            fold = new int[n];
            for (int p = 0; p < n; p++) {
                fold[p] = p / (2 * perSide);
            }
        } else {
            warnings.add(source + ": header says " + folds + " folds × " + perSide + " same + " + perSide + " different = "
                    + folds * 2 * perSide + " pairs, the file holds " + n + "; folds are " + DEFAULT_FOLDS + " contiguous blocks");
            fold = Folds.contiguous(n, DEFAULT_FOLDS);
        }
        return finish(source, pairs, same, fold, warnings);
    }

    private static Integer lookup(Map<String, Integer> rowOfKey, String name, String number, String source, int line) {
        int i;
        try {
            i = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + (line + 1) + ": image number '" + number + "' is not a whole number");
        }
        Integer row = rowOfKey.get(name + "/" + String.format(Locale.ROOT, "%s_%04d", name, i));
        return row != null ? row : rowOfKey.get(name + "/" + i);
    }

    private static String candidates(String name, String number) {
        int i = Integer.parseInt(number);
        return String.format(Locale.ROOT, "%s/%s_%04d.* or %s/%d.*", name, name, i, name, i);
    }

    /** {@code a/b/Name/Name_0001.jpg} → {@code Name/Name_0001}: the parent folder and the file name without extension. */
    static String key(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        String file = p.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String parent = slash > 0 ? p.substring(p.lastIndexOf('/', slash - 1) + 1, slash) : "";
        return parent + "/" + stem;
    }

    private static PairList parsePlain(String source, List<String> lines, int rowCount) {
        List<int[]> pairs = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("[\\s,]+");
            if (t.length != 3 && t.length != 4) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'i j same [fold]', got '" + line + "'");
            }
            int a = index(source, i, "i", t[0]);
            int b = index(source, i, "j", t[1]);
            for (int row : new int[] {a, b}) {
                if (rowCount >= 0 && row >= rowCount) {
                    throw new IllegalArgumentException(source + " line " + (i + 1) + ": row " + row + " does not exist (the embeddings have rows 0.."
                            + (rowCount - 1) + ")");
                }
            }
            boolean s = switch (t[2].toLowerCase(Locale.ROOT)) {
                case "1", "true", "same" -> true;
                case "0", "false", "different" -> false;
                default -> throw new IllegalArgumentException(source + " line " + (i + 1) + ": same must be 1/0 or true/false, got '" + t[2] + "'");
            };
            pairs.add(new int[] {a, b});
            same.add(s);
            folds.add(t.length == 4 ? index(source, i, "fold", t[3]) : -1);
        }
        List<String> warnings = new ArrayList<>();
        int[] fold;
        if (folds.stream().allMatch(f -> f >= 0)) {
            fold = folds.stream().mapToInt(Integer::intValue).toArray();
            Folds.count(fold);
        } else if (folds.stream().allMatch(f -> f < 0)) {
            fold = Folds.contiguous(pairs.size(), DEFAULT_FOLDS);
        } else {
            throw new IllegalArgumentException(source + ": either every pair has a fold column or none does");
        }
        return finish(source, pairs, same, fold, warnings);
    }

    private static int index(String source, int line, String what, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + (line + 1) + ": " + what + " must be a whole number >= 0, got '" + text + "'");
        }
    }

    private static PairList finish(String source, List<int[]> pairs, List<Boolean> same, int[] fold, List<String> warnings) {
        int n = pairs.size();
        if (n == 0) {
            throw new IllegalArgumentException(source + ": no pairs in the file");
        }
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] s = new boolean[n];
        for (int p = 0; p < n; p++) {
            left[p] = pairs.get(p)[0];
            right[p] = pairs.get(p)[1];
            s[p] = same.get(p);
        }
        int folds = Folds.count(fold);
        int[] sameIn = new int[folds];
        int[] sizeOf = new int[folds];
        for (int p = 0; p < n; p++) {
            sizeOf[fold[p]]++;
            sameIn[fold[p]] += s[p] ? 1 : 0;
        }
        List<String> all = new ArrayList<>(warnings);
        int sameTotal = 0;
        for (int f = 0; f < folds; f++) {
            sameTotal += sameIn[f];
        }
        if (2 * sameTotal != n) {
            all.add(source + ": " + sameTotal + " same and " + (n - sameTotal) + " different pairs (unequal counts; evaluated anyway, "
                    + "accuracy then depends on the mix)");
        } else {
            for (int f = 0; f < folds; f++) {
                if (2 * sameIn[f] != sizeOf[f]) {
                    all.add(source + ": fold " + f + " holds " + sameIn[f] + " same and " + (sizeOf[f] - sameIn[f])
                            + " different pairs (unequal counts; evaluated anyway)");
                    break;
                }
            }
        }
        return new PairList(source, left, right, s, fold, all);
    }
}
