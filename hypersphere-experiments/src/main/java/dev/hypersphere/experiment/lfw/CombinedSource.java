package dev.hypersphere.experiment.lfw;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Chosen identities of several labelled sources as one source: each source's class names get a prefix (so that
 * CelebA's numeric ids and LFW's names cannot collide), classes are numbered in order of appearance, and an identity
 * is kept when the filter accepts its prefixed name and it has at least {@code minImages} samples.
 */
final class CombinedSource implements SampleSource {

    /** One part: a source and the prefix of its class names. */
    record Part(SampleSource source, String prefix) {}

    private final List<SampleSource> sources = new ArrayList<>();
    private final List<int[]> samples = new ArrayList<>();   // (source, index) per sample
    private final int[] labels;
    private final List<String> classNames = new ArrayList<>();

    CombinedSource(List<Part> parts, Predicate<String> keepIdentity, int minImages) {
        List<Integer> labelList = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            SampleSource source = parts.get(p).source();
            sources.add(source);
            int[] count = new int[source.numClasses()];
            for (int i = 0; i < source.size(); i++) {
                count[source.label(i)]++;
            }
            Map<Integer, Integer> relabel = new HashMap<>();
            for (int i = 0; i < source.size(); i++) {
                int label = source.label(i);
                String name = parts.get(p).prefix() + source.classNames().get(label);
                if (count[label] < minImages || !keepIdentity.test(name)) {
                    continue;
                }
                Integer mapped = relabel.get(label);
                if (mapped == null) {
                    mapped = classNames.size();
                    relabel.put(label, mapped);
                    classNames.add(name);
                }
                samples.add(new int[] {p, i});
                labelList.add(mapped);
            }
        }
        labels = labelList.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public Sample get(int index) throws IOException {
        int[] at = samples.get(index);
        Sample s = sources.get(at[0]).get(at[1]);
        return new Sample(s.pixels(), s.channels(), s.height(), s.width(), labels[index], s.source());
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }
}
