package dev.hypersphere.experiment.lfw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The people of each fold of an LFW View 2 {@code pairs.txt} (first line "folds pairsPerHalf", then per fold that
 * many same-person lines "name n1 n2" and as many different-person lines "name1 n1 name2 n2").
 */
record LfwFoldPeople(List<Set<String>> folds) {

    static LfwFoldPeople read(Path pairs) throws IOException {
        List<String> lines = Files.readAllLines(pairs).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(pairs + ": empty pairs file");
        }
        String[] header = lines.get(0).split("\\s+");
        int folds;
        int perHalf;
        try {
            folds = Integer.parseInt(header[0]);
            perHalf = Integer.parseInt(header[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(pairs + ": line 1 must be 'folds pairs-per-half' (e.g. '10 300'), got '"
                    + lines.get(0) + "'");
        }
        if (folds < 2 || perHalf < 1 || lines.size() - 1 != folds * 2 * perHalf) {
            throw new IllegalArgumentException(pairs + ": header says " + folds + " folds of 2×" + perHalf + " pairs, "
                    + "but the file has " + (lines.size() - 1) + " pair lines");
        }
        List<Set<String>> people = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            Set<String> names = new TreeSet<>();
            for (int k = 0; k < 2 * perHalf; k++) {
                int line = 1 + f * 2 * perHalf + k;
                String[] t = lines.get(line).split("\\s+");
                if (t.length == 3) {
                    names.add(t[0]);
                } else if (t.length == 4) {
                    names.add(t[0]);
                    names.add(t[2]);
                } else {
                    throw new IllegalArgumentException(pairs + " line " + (line + 1) + ": expected 3 or 4 fields, got '"
                            + lines.get(line) + "'");
                }
            }
            people.add(names);
        }
        return new LfwFoldPeople(List.copyOf(people));
    }

    /** Everyone in the given folds. */
    Set<String> in(List<Integer> chosen) {
        Set<String> names = new TreeSet<>();
        chosen.forEach(f -> names.addAll(folds.get(f)));
        return names;
    }

    /** Names that occur in more than one fold (empty when the folds' people are disjoint, as LFW View 2 promises). */
    Set<String> sharedAcrossFolds() {
        Set<String> seen = new TreeSet<>();
        Set<String> shared = new TreeSet<>();
        for (Set<String> fold : folds) {
            for (String name : fold) {
                if (!seen.add(name)) {
                    shared.add(name);
                }
            }
        }
        return shared;
    }
}
