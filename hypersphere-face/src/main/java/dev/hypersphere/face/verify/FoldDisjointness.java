package dev.hypersphere.face.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Whether the folds of a pairs file share no person, as LFW View 2 promises ("the 10 sets are mutually exclusive in
 * the people they contain"): what makes cross-validated thresholds and fold-wise cross-training honest.
 *
 * @param people    distinct people named by the pairs
 * @param folds     number of folds
 * @param shared    each person who appears in more than one fold, with those folds, by name
 */
public record FoldDisjointness(int people, int folds, Map<String, SortedSet<Integer>> shared) {

    /** Examples listed in the JSON at most. */
    static final int EXAMPLES = 10;

    public FoldDisjointness {
        shared = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(shared));
    }

    /** True when no person appears in two folds. */
    public boolean holds() {
        return shared.isEmpty();
    }

    /** One line for people: {@code people disjoint across the 10 folds: yes (4281 people)}. */
    public String summary() {
        return "people disjoint across the " + folds + " folds: " + (holds() ? "yes" : "NO, " + shared.size() + " of " + people
                + " people appear in several folds") + " (" + people + " people)";
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("holds", holds());
        json.put("people", people);
        json.put("folds", folds);
        json.put("people_in_several_folds", shared.size());
        List<Map<String, Object>> examples = new ArrayList<>();
        for (Map.Entry<String, SortedSet<Integer>> e : shared.entrySet()) {
            if (examples.size() == EXAMPLES) {
                break;
            }
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("person", e.getKey());
            example.put("folds", List.copyOf(e.getValue()));
            examples.add(example);
        }
        json.put("examples", examples);
        json.put("folds_numbered", "from 0, in file order");
        return json;
    }
}
