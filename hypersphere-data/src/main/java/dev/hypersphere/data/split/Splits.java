package dev.hypersphere.data.split;

import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.Seeds;
import dev.hypersphere.validate.Inputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded train/test splits as {@link SubsetSource} views. By identity (open set: no test identity is seen in
 * training; each part numbers its own classes 0..C−1) or by sample (stratified: each class split in the same
 * proportion, both parts sharing one numbering). The same seed gives the same split.
 */
public final class Splits {

    /** The two parts of a split. */
    public record Split(SubsetSource train, SubsetSource test) {}

    private Splits() {}

    /**
     * Holds out round(C·testFraction) identities (at least 1, at most C − 1), chosen at random, with all their
     * samples. Classes without samples are ignored.
     */
    public static Split byIdentity(SampleSource source, double testFraction, long seed) {
        Inputs.requireInRange("testFraction", testFraction, 0, 1, "fraction of identities held out");
        List<List<Integer>> byClass = samplesByClass(source);
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            if (!byClass.get(c).isEmpty()) {
                classes.add(c);
            }
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("an identity split needs at least 2 classes with samples, got " + classes.size());
        }
        int[] order = classes.stream().mapToInt(Integer::intValue).toArray();
        shuffle(order, new SplittableRandom(Seeds.derive(seed, 0x5117)));
        int testCount = (int) Math.max(1, Math.min(order.length - 1, Math.round(order.length * testFraction)));
        boolean[] isTest = new boolean[byClass.size()];
        for (int i = 0; i < testCount; i++) {
            isTest[order[i]] = true;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            (isTest[source.label(i)] ? test : train).add(i);
        }
        return new Split(new SubsetSource(source, toArray(train)), new SubsetSource(source, toArray(test)));
    }

    /**
     * K-fold cross-validation by identity: the identities with samples, shuffled by the seed, are dealt into
     * {@code folds} groups of near-equal size; fold {@code fold} is held out (open set), the rest train. Over
     * fold = 0..folds−1 every identity is tested exactly once.
     */
    public static Split byIdentityFold(SampleSource source, int folds, int fold, long seed) {
        List<List<Integer>> byClass = samplesByClass(source);
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            if (!byClass.get(c).isEmpty()) {
                classes.add(c);
            }
        }
        if (folds < 2 || folds > classes.size()) {
            throw new IllegalArgumentException("data.folds must be in [2, " + classes.size()
                    + "] (the identities with samples); got " + folds);
        }
        if (fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("data.fold must be in [0, " + (folds - 1) + "]; got " + fold);
        }
        int[] order = classes.stream().mapToInt(Integer::intValue).toArray();
        shuffle(order, new SplittableRandom(Seeds.derive(seed, 0xF01D)));
        boolean[] isTest = new boolean[byClass.size()];
        for (int i = 0; i < order.length; i++) {
            // identity i of the shuffled order goes to fold i·folds/n: folds differ in size by at most one
            isTest[order[i]] = (int) ((long) i * folds / order.length) == fold;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            (isTest[source.label(i)] ? test : train).add(i);
        }
        return new Split(new SubsetSource(source, toArray(train)), new SubsetSource(source, toArray(test)));
    }

    /**
     * Holds out round(n_c·testFraction) samples of every class c (keeping at least one in training), chosen at
     * random within the class.
     */
    public static Split bySample(SampleSource source, double testFraction, long seed) {
        Inputs.requireInRange("testFraction", testFraction, 0, 1, "fraction of each class held out");
        List<List<Integer>> byClass = samplesByClass(source);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            int[] members = toArray(byClass.get(c));
            if (members.length == 0) {
                continue;
            }
            present.add(c);
            shuffle(members, new SplittableRandom(Seeds.derive(seed, 0x5A3E, c)));
            int testCount = (int) Math.min(members.length - 1, Math.round(members.length * testFraction));
            for (int i = 0; i < members.length; i++) {
                (i < testCount ? test : train).add(members[i]);
            }
        }
        int[] trainIdx = toArray(train);
        int[] testIdx = toArray(test);
        Arrays.sort(trainIdx);
        Arrays.sort(testIdx);
        int[] classes = toArray(present);
        return new Split(new SubsetSource(source, trainIdx, classes), new SubsetSource(source, testIdx, classes));
    }

    private static List<List<Integer>> samplesByClass(SampleSource source) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < source.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < source.size(); i++) {
            byClass.get(source.label(i)).add(i);
        }
        return byClass;
    }

    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
