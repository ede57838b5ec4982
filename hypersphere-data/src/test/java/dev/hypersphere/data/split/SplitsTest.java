package dev.hypersphere.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Identity splits are disjoint and relabelled; sample splits are stratified; both are fixed by their seed. */
class SplitsTest {

    /** 20 classes "c00".."c19"; class c has 3 + c % 4 samples; a sample's pixel holds its index. */
    private static final class Labelled implements SampleSource {
        private final int[] labels = IntStream.range(0, 20).flatMap(c -> IntStream.generate(() -> c).limit(3 + c % 4)).toArray();

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public Sample get(int index) {
            return new Sample(new float[] {index}, 1, 1, 1, labels[index], "s" + index);
        }

        @Override
        public int label(int index) {
            return labels[index];
        }

        @Override
        public List<String> classNames() {
            return IntStream.range(0, 20).mapToObj(c -> String.format("c%02d", c)).toList();
        }
    }

    @Test
    void identitySplitHoldsOutWholeIdentitiesAndRelabelsEachPart() throws Exception {
        Labelled source = new Labelled();
        Splits.Split split = Splits.byIdentity(source, 0.25, 9);
        assertEquals(15, split.train().numClasses());
        assertEquals(5, split.test().numClasses());
        assertEquals(source.size(), split.train().size() + split.test().size());
        Set<String> trainNames = new HashSet<>(split.train().classNames());
        for (String name : split.test().classNames()) {
            assertFalse(trainNames.contains(name), name + " is in both parts");
        }
        for (SubsetSource part : List.of(split.train(), split.test())) {
            for (int i = 0; i < part.size(); i++) {
                int label = part.label(i);
                assertTrue(label >= 0 && label < part.numClasses());
                Sample s = part.get(i);
                assertEquals(label, s.label());
                int original = source.label((int) s.pixels()[0]);
                assertEquals(original, part.originalLabel(label));
                assertEquals(source.classNames().get(original), part.classNames().get(label));
                assertEquals((int) s.pixels()[0], part.baseIndex(i));
            }
        }
        Splits.Split again = Splits.byIdentity(source, 0.25, 9);
        assertEquals(split.test().classNames(), again.test().classNames());
        Splits.Split other = Splits.byIdentity(source, 0.25, 10);
        assertFalse(split.test().classNames().equals(other.test().classNames()), "another seed, other identities");
    }

    @Test
    void sampleSplitIsStratifiedAndSharesOneNumbering() {
        Labelled source = new Labelled();
        Splits.Split split = Splits.bySample(source, 0.34, 4);
        assertEquals(20, split.train().numClasses());
        assertEquals(split.train().classNames(), split.test().classNames());
        int[] testPerClass = new int[20];
        for (int i = 0; i < split.test().size(); i++) {
            testPerClass[split.test().label(i)]++;
        }
        for (int c = 0; c < 20; c++) {
            assertEquals(Math.round((3 + c % 4) * 0.34), testPerClass[c], "class " + c);
        }
        Set<Integer> seen = new HashSet<>();
        for (SubsetSource part : List.of(split.train(), split.test())) {
            for (int i = 0; i < part.size(); i++) {
                assertTrue(seen.add(part.baseIndex(i)), "sample " + part.baseIndex(i) + " in both parts");
            }
        }
        assertEquals(source.size(), seen.size());
        int[] first = IntStream.range(0, split.test().size()).map(split.test()::baseIndex).toArray();
        Splits.Split again = Splits.bySample(source, 0.34, 4);
        assertArrayEquals(first, IntStream.range(0, again.test().size()).map(again.test()::baseIndex).toArray());
    }

    @Test
    void identityFoldsTestEveryIdentityExactlyOnceAndNeverTrainOnIt() {
        Labelled source = new Labelled();
        int[] timesTested = new int[20];
        for (int fold = 0; fold < 3; fold++) {
            Splits.Split split = Splits.byIdentityFold(source, 3, fold, 11);
            Set<String> train = new HashSet<>(split.train().classNames());
            int testClasses = split.test().classNames().size();
            assertTrue(testClasses == 6 || testClasses == 7, "20 identities in 3 folds: 6 or 7 each, got " + testClasses);
            for (String name : split.test().classNames()) {
                assertFalse(train.contains(name), name + " is in both parts");
                timesTested[Integer.parseInt(name.substring(1))]++;
            }
            assertEquals(source.size(), split.train().size() + split.test().size());
        }
        for (int c = 0; c < 20; c++) {
            assertEquals(1, timesTested[c], "identity " + c);
        }
    }

    @Test
    void identityFoldsRejectImpossibleFolds() {
        Labelled source = new Labelled();
        var tooMany = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Splits.byIdentityFold(source, 21, 0, 1));
        assertTrue(tooMany.getMessage().contains("data.folds"), tooMany.getMessage());
        var outside = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Splits.byIdentityFold(source, 4, 4, 1));
        assertTrue(outside.getMessage().contains("data.fold"), outside.getMessage());
    }

    @Test
    void labelNoiseCorruptsExactlyTheFractionAndAlwaysChangesTheLabel() throws Exception {
        Labelled source = new Labelled();
        var noisy = new dev.hypersphere.data.noise.LabelNoise(source, 0.25, 5);
        int expected = (int) Math.round(source.size() * 0.25);
        assertEquals(expected, noisy.corruptedCount());
        int corrupted = 0;
        for (int i = 0; i < source.size(); i++) {
            if (noisy.isCorrupted(i)) {
                corrupted++;
                assertTrue(noisy.label(i) != source.label(i), "sample " + i + " marked corrupted keeps its label");
                assertTrue(noisy.label(i) >= 0 && noisy.label(i) < 20);
            } else {
                assertEquals(source.label(i), noisy.label(i));
            }
            assertEquals(noisy.label(i), noisy.get(i).label());
            assertEquals(source.label(i), noisy.cleanLabel(i));
        }
        assertEquals(expected, corrupted);
        var again = new dev.hypersphere.data.noise.LabelNoise(source, 0.25, 5);
        for (int i = 0; i < source.size(); i++) {
            assertEquals(noisy.label(i), again.label(i), "same seed, same noise");
        }
    }
}
