package dev.hypersphere.train.validate;

import dev.hypersphere.data.SampleSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Verification pairs drawn from a labelled set, seeded: half of them two different samples of one class, half
 * two samples of different classes, in a shuffled order (so that every fold of a k-fold protocol holds both
 * kinds). Same-class pairs are drawn only from classes with at least two samples.
 *
 * <p>No pair is drawn twice (a repeated pair would only weigh one comparison more), so a small set caps the count:
 * where it holds fewer distinct same- or different-class pairs than half the request, both halves shrink to the
 * smaller of the two, since accuracy at a threshold is only comparable across runs on balanced pairs.
 *
 * @param requested the number of pairs asked for; {@link #size()} is the number drawn
 * @param distinctSame the distinct same-class pairs the set holds
 * @param distinctDifferent the distinct different-class pairs the set holds
 */
public record ValidationPairs(int[] first, int[] second, boolean[] same, int requested, long distinctSame,
                              long distinctDifferent) {

    public int size() {
        return same.length;
    }

    /** Whether the set held fewer distinct pairs than requested. */
    public boolean capped() {
        return size() < requested;
    }

    public long distinctAvailable() {
        return distinctSame + distinctDifferent;
    }

    public static ValidationPairs draw(SampleSource source, int count, long seed) {
        if (count < 2) {
            throw new IllegalArgumentException("validation.pairs must be >= 2, got " + count);
        }
        int n = source.size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < source.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byClass.get(source.label(i)).add(i);
        }
        List<List<Integer>> pairable = new ArrayList<>(byClass.stream().filter(members -> members.size() >= 2).toList());
        List<List<Integer>> present = byClass.stream().filter(m -> !m.isEmpty()).toList();
        if (pairable.isEmpty() || present.size() < 2) {
            throw new IllegalArgumentException("verification needs at least two classes and one class with two samples in "
                    + "the held-out set (it has " + n + " samples in " + source.numClasses() + " classes)");
        }
        long distinctSame = 0;
        for (List<Integer> members : pairable) {
            distinctSame += pairsAmong(members.size());
        }
        long distinctDifferent = pairsAmong(n) - distinctSame;

        int sameCount = (count + 1) / 2;
        int differentCount = count / 2;
        if (sameCount > distinctSame || differentCount > distinctDifferent) {
            sameCount = (int) Math.min(sameCount, Math.min(distinctSame, distinctDifferent));
            differentCount = sameCount;
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> pairs = new ArrayList<>(sameCount + differentCount);
        pairs.addAll(2L * sameCount > distinctSame
                ? pick(sameClassPairs(pairable), sameCount, random)
                : sampleSameClass(pairable, sameCount, n, random));
        pairs.addAll(2L * differentCount > distinctDifferent
                ? pick(differentClassPairs(present), differentCount, random)
                : sampleDifferentClass(source, differentCount, random));
        for (int i = pairs.size() - 1; i > 0; i--) {   // Fisher–Yates, so that folds mix both kinds
            int j = random.nextInt(i + 1);
            long[] t = pairs.get(i);
            pairs.set(i, pairs.get(j));
            pairs.set(j, t);
        }
        int[] first = new int[pairs.size()];
        int[] second = new int[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int p = 0; p < pairs.size(); p++) {
            first[p] = (int) pairs.get(p)[0];
            second[p] = (int) pairs.get(p)[1];
            same[p] = pairs.get(p)[2] == 1;
        }
        return new ValidationPairs(first, second, same, count, distinctSame, distinctDifferent);
    }

    private static long pairsAmong(long size) {
        return size * (size - 1) / 2;
    }

    /** Rejection sampling, for when at most half of the distinct same-class pairs are wanted: a class, then a pair in it. */
    private static List<long[]> sampleSameClass(List<List<Integer>> pairable, int count, int n, SplittableRandom random) {
        List<List<Integer>> open = new ArrayList<>(pairable);   // classes with pairs not drawn yet
        List<Integer> used = new ArrayList<>();
        for (int c = 0; c < open.size(); c++) {
            used.add(0);
        }
        Set<Long> drawn = new HashSet<>();
        List<long[]> pairs = new ArrayList<>(count);
        while (pairs.size() < count) {
            int c = random.nextInt(open.size());
            List<Integer> members = open.get(c);
            int a = random.nextInt(members.size());
            int b = random.nextInt(members.size() - 1);
            int x = members.get(a);
            int y = members.get(b >= a ? b + 1 : b);
            if (drawn.add(key(x, y, n))) {
                pairs.add(new long[] {x, y, 1});
                used.set(c, used.get(c) + 1);
                if (used.get(c) == pairsAmong(members.size())) {   // exhausted: drawing from it again could only repeat
                    int last = open.size() - 1;
                    open.set(c, open.get(last));
                    used.set(c, used.get(last));
                    open.remove(last);
                    used.remove(last);
                }
            }
        }
        return pairs;
    }

    /** Rejection sampling, for when at most half of the distinct different-class pairs are wanted. */
    private static List<long[]> sampleDifferentClass(SampleSource source, int count, SplittableRandom random) {
        int n = source.size();
        Set<Long> drawn = new HashSet<>();
        List<long[]> pairs = new ArrayList<>(count);
        while (pairs.size() < count) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            if (source.label(a) != source.label(b) && drawn.add(key(a, b, n))) {
                pairs.add(new long[] {a, b, 0});
            }
        }
        return pairs;
    }

    /** Every same-class pair (called only when there are fewer than twice the pairs wanted). */
    private static List<long[]> sameClassPairs(List<List<Integer>> pairable) {
        List<long[]> all = new ArrayList<>();
        for (List<Integer> members : pairable) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    all.add(new long[] {members.get(i), members.get(j), 1});
                }
            }
        }
        return all;
    }

    /** Every different-class pair, class pair by class pair (called only when there are fewer than twice those wanted). */
    private static List<long[]> differentClassPairs(List<List<Integer>> present) {
        List<long[]> all = new ArrayList<>();
        for (int c = 0; c < present.size(); c++) {
            for (int d = c + 1; d < present.size(); d++) {
                for (int x : present.get(c)) {
                    for (int y : present.get(d)) {
                        all.add(new long[] {x, y, 0});
                    }
                }
            }
        }
        return all;
    }

    /** {@code count} of {@code all}, chosen at random (a partial Fisher–Yates shuffle). */
    private static List<long[]> pick(List<long[]> all, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(all.size() - i);
            long[] t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return all.subList(0, count);
    }

    /** The same number for (a, b) and (b, a). */
    private static long key(int a, int b, int n) {
        return (long) Math.min(a, b) * n + Math.max(a, b);
    }
}
