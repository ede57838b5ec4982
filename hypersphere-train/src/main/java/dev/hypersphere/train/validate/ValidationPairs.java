package dev.hypersphere.train.validate;

import dev.hypersphere.data.SampleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Verification pairs drawn from a labelled set, seeded: half of them two different samples of one class, half
 * two samples of different classes, in a shuffled order (so that every fold of a k-fold protocol holds both
 * kinds). Same-class pairs are drawn only from classes with at least two samples.
 */
public record ValidationPairs(int[] first, int[] second, boolean[] same) {

    public int size() {
        return same.length;
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
        List<List<Integer>> pairable = byClass.stream().filter(members -> members.size() >= 2).toList();
        if (pairable.isEmpty() || byClass.stream().filter(m -> !m.isEmpty()).count() < 2) {
            throw new IllegalArgumentException("verification needs at least two classes and one class with two samples in "
                    + "the held-out set (it has " + n + " samples in " + source.numClasses() + " classes)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] first = new int[count];
        int[] second = new int[count];
        boolean[] same = new boolean[count];
        for (int p = 0; p < count; p++) {
            if (p % 2 == 0) {
                List<Integer> members = pairable.get(random.nextInt(pairable.size()));
                int a = random.nextInt(members.size());
                int b = random.nextInt(members.size() - 1);
                first[p] = members.get(a);
                second[p] = members.get(b >= a ? b + 1 : b);
                same[p] = true;
            } else {
                int a;
                int b;
                do {
                    a = random.nextInt(n);
                    b = random.nextInt(n);
                } while (source.label(a) == source.label(b));
                first[p] = a;
                second[p] = b;
            }
        }
        for (int i = count - 1; i > 0; i--) {   // Fisher–Yates, so that folds mix both kinds
            int j = random.nextInt(i + 1);
            int t = first[i];
            first[i] = first[j];
            first[j] = t;
            t = second[i];
            second[i] = second[j];
            second[j] = t;
            boolean s = same[i];
            same[i] = same[j];
            same[j] = s;
        }
        return new ValidationPairs(first, second, same);
    }
}
