package dev.hypersphere.face.pack;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import java.util.List;

/** The packed crops of a face pack as a labelled source (labels and class names as in the photos' source). */
final class AlignedFaceSource implements SampleSource {

    private final List<CroppedPhoto> photos;
    private final List<String> classNames;
    private final int height;
    private final int width;

    AlignedFaceSource(List<CroppedPhoto> packed, List<String> classNames, int height, int width) {
        this.photos = List.copyOf(packed);
        this.classNames = classNames;
        this.height = height;
        this.width = width;
    }

    @Override
    public int size() {
        return photos.size();
    }

    @Override
    public Sample get(int index) {
        byte[] crop = photos.get(index).crop();
        float[] pixels = new float[crop.length];
        for (int i = 0; i < crop.length; i++) {
            pixels[i] = crop[i] & 0xff;
        }
        return new Sample(pixels, 3, height, width, photos.get(index).label(), photos.get(index).name());
    }

    @Override
    public int label(int index) {
        return photos.get(index).label();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }
}
