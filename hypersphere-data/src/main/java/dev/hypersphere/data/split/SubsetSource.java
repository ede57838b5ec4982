package dev.hypersphere.data.split;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A view of some samples of another source, with its classes renumbered 0..C−1 in the order of their original
 * labels (only classes that have samples here, unless a shared numbering is given). {@link #originalLabel} and
 * {@link #classNames} map back to the identities. Closing the view does not close the source it looks into.
 */
public final class SubsetSource implements SampleSource {

    private final SampleSource base;
    private final int[] indices;
    private final int[] newLabel;       // original label → label here, −1 when the class is absent
    private final int[] originalLabel;  // label here → original label
    private final List<String> classNames;

    /** The samples at {@code indices} of {@code base}, classes renumbered over those present. */
    public SubsetSource(SampleSource base, int[] indices) {
        this(base, indices, presentClasses(base, indices));
    }

    /**
     * The samples at {@code indices}, with classes numbered by their position in {@code classes} (original labels,
     * ascending), so that two views can share one numbering (a by-sample split's train and test parts).
     */
    public SubsetSource(SampleSource base, int[] indices, int[] classes) {
        this.base = base;
        this.indices = indices.clone();
        this.originalLabel = classes.clone();
        this.newLabel = new int[base.numClasses()];
        Arrays.fill(newLabel, -1);
        List<String> names = new ArrayList<>(classes.length);
        for (int i = 0; i < classes.length; i++) {
            newLabel[classes[i]] = i;
            names.add(base.classNames().get(classes[i]));
        }
        for (int index : this.indices) {
            if (index < 0 || index >= base.size()) {
                throw new IllegalArgumentException("subset index " + index + " is outside [0, " + base.size() + ")");
            }
            if (newLabel[base.label(index)] < 0) {
                throw new IllegalArgumentException("sample " + index + " has class " + base.label(index)
                        + ", which is not among the subset's classes");
            }
        }
        this.classNames = List.copyOf(names);
    }

    private static int[] presentClasses(SampleSource base, int[] indices) {
        boolean[] present = new boolean[base.numClasses()];
        for (int index : indices) {
            present[base.label(index)] = true;
        }
        int count = 0;
        for (boolean p : present) {
            count += p ? 1 : 0;
        }
        int[] classes = new int[count];
        for (int c = 0, k = 0; c < present.length; c++) {
            if (present[c]) {
                classes[k++] = c;
            }
        }
        return classes;
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample get(int index) throws IOException {
        Sample s = base.get(indices[index]);
        return new Sample(s.pixels(), s.channels(), s.height(), s.width(), newLabel[s.label()], s.source());
    }

    @Override
    public int label(int index) {
        return newLabel[base.label(indices[index])];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** The label in the underlying source of class {@code label} here. */
    public int originalLabel(int label) {
        return originalLabel[label];
    }

    /** The position in the underlying source of sample {@code index} here. */
    public int baseIndex(int index) {
        return indices[index];
    }

    public SampleSource base() {
        return base;
    }
}
