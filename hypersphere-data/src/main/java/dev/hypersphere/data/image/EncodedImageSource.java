package dev.hypersphere.data.image;

import dev.hypersphere.data.MalformedDataException;
import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.IntStream;

/**
 * A labelled list of encoded images, decoded on {@link #get}: the common part of {@link ImageFolderSource} and
 * {@link ImageArchiveSource}. Classes are the sorted class names; images within a class are in name order.
 */
public abstract sealed class EncodedImageSource implements SampleSource permits ImageFolderSource, ImageArchiveSource {

    /** One listed image: its name in messages and how to fetch its bytes. */
    protected interface Entry {
        String name();

        byte[] bytes() throws IOException;
    }

    private final List<String> classNames;
    private final List<Entry> entries;
    private final int[] labels;
    private final int channels;
    private final List<String> skipped;

    /**
     * @param where    the folder or archive, for messages
     * @param byClass  class name → its images (already in order); a class with none is an error
     */
    protected EncodedImageSource(String where, SortedMap<String, List<Entry>> byClass, ImageOptions options)
            throws IOException {
        List<String> empty = new ArrayList<>();
        byClass.forEach((name, images) -> {
            if (images.isEmpty()) {
                empty.add(name);
            }
        });
        if (byClass.isEmpty()) {
            throw new MalformedDataException(where + ": no images found (expected <class>/<image> with an image ending: "
                    + String.join(" ", ImageDecoder.EXTENSIONS.stream().sorted().toList()) + ")");
        }
        if (!empty.isEmpty()) {
            throw new MalformedDataException(where + ": " + empty.size() + " class folder(s) hold no images: "
                    + abbreviate(empty) + " (remove them or add images)");
        }
        this.channels = options.channels();
        List<String> names = new ArrayList<>(byClass.keySet());
        List<Entry> all = new ArrayList<>();
        List<Integer> allLabels = new ArrayList<>();
        int label = 0;
        for (List<Entry> images : byClass.values()) {
            for (Entry image : images) {
                all.add(image);
                allLabels.add(label);
            }
            label++;
        }
        boolean[] usable = options.onBadImage() == BadImagePolicy.SKIP ? verify(all) : null;
        List<Entry> kept = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (usable == null || usable[i]) {
                kept.add(all.get(i));
                keptLabels.add(allLabels.get(i));
            } else {
                bad.add(all.get(i).name());
            }
        }
        this.classNames = List.copyOf(names);
        this.entries = List.copyOf(kept);
        this.labels = keptLabels.stream().mapToInt(Integer::intValue).toArray();
        this.skipped = Collections.unmodifiableList(bad);
    }

    /** Decodes every image once (in parallel) to find the ones {@link BadImagePolicy#SKIP} leaves out. */
    private boolean[] verify(List<Entry> images) {
        boolean[] usable = new boolean[images.size()];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            try {
                ImageDecoder.decodeNative(images.get(i).bytes(), images.get(i).name());
                usable[i] = true;
            } catch (IOException e) {
                usable[i] = false;   // undecodable or unreadable: both are what SKIP is for
            }
        });
        return usable;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + ", …";
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Sample get(int index) throws IOException {
        Entry entry = entries.get(index);
        return ImageDecoder.decode(entry.bytes(), channels, entry.name()).toSample(labels[index], entry.name());
    }

    /** The encoded bytes of image {@code index}, as stored (a pack can copy them without re-encoding). */
    public byte[] encoded(int index) throws IOException {
        return entries.get(index).bytes();
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** Where image {@code index} comes from (a path, or archive!entry). */
    public String name(int index) {
        return entries.get(index).name();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** Output channels (1 or 3). */
    public int channels() {
        return channels;
    }

    /** Files left out by {@link BadImagePolicy#SKIP} (empty under FAIL). */
    public List<String> skipped() {
        return skipped;
    }
}
