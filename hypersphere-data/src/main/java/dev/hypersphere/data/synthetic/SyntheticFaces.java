package dev.hypersphere.data.synthetic;

import dev.hypersphere.data.Sample;
import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.Seeds;
import dev.hypersphere.data.image.ChannelConversion;
import dev.hypersphere.validate.Inputs;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Procedurally drawn identities: the project's built-in data set, which needs no download. Sample
 * {@code i} is image {@code i % imagesPerIdentity} of identity {@code i / imagesPerIdentity} (its label), drawn on
 * the fly in {@link #get} from (seed, identity, image) only: the same seed gives the same pictures on any machine
 * and thread. Identities differ by head shape, skin, hair, eye/brow/nose/mouth geometry and marks
 * ({@link FaceIdentity}); pictures of one identity by pose, expression, lighting, background, noise and
 * occlusion ({@link FaceVariation}).
 */
public final class SyntheticFaces implements SampleSource {

    /** The demo's defaults: 500 identities × 20 images, grey 32×32, seed 42. */
    public static final int DEFAULT_IDENTITIES = 500;
    public static final int DEFAULT_IMAGES_PER_IDENTITY = 20;

    private final int identities;
    private final int imagesPerIdentity;
    private final int channels;
    private final int height;
    private final int width;
    private final long seed;
    private final FaceIdentity[] traits;
    private final List<String> classNames;

    public SyntheticFaces(int identities, int imagesPerIdentity, int channels, int height, int width, long seed) {
        this.identities = Inputs.requireAtLeast("identities", identities, 1);
        this.imagesPerIdentity = Inputs.requireAtLeast("imagesPerIdentity", imagesPerIdentity, 1);
        if ((long) identities * imagesPerIdentity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("identities × imagesPerIdentity must fit an int, got " + identities + " × "
                    + imagesPerIdentity);
        }
        this.channels = ChannelConversion.requireChannels("channels", channels);
        this.height = Inputs.requireAtLeast("height", height, 8);
        this.width = Inputs.requireAtLeast("width", width, 8);
        this.seed = seed;
        this.traits = new FaceIdentity[identities];
        for (int i = 0; i < identities; i++) {
            traits[i] = FaceIdentity.draw(new SplittableRandom(Seeds.derive(seed, 0, i)));
        }
        int digits = Integer.toString(identities - 1).length();
        this.classNames = new AbstractList<>() {
            @Override
            public String get(int index) {
                return String.format(Locale.ROOT, "id%0" + digits + "d", index);
            }

            @Override
            public int size() {
                return SyntheticFaces.this.identities;
            }
        };
    }

    /** The demo's data set: 500 × 20 grey 32×32 images, seed 42. */
    public static SyntheticFaces defaults() {
        return new SyntheticFaces(DEFAULT_IDENTITIES, DEFAULT_IMAGES_PER_IDENTITY, 1, 32, 32, 42);
    }

    @Override
    public int size() {
        return identities * imagesPerIdentity;
    }

    @Override
    public Sample get(int index) {
        java.util.Objects.checkIndex(index, size());
        int identity = index / imagesPerIdentity;
        int image = index % imagesPerIdentity;
        FaceVariation variation = FaceVariation.draw(new SplittableRandom(Seeds.derive(seed, 1, identity, image)));
        float[] rgb = FaceRenderer.render(traits[identity], variation, height, width);
        float[] pixels = ChannelConversion.convert(rgb, 3, channels, height * width);
        return new Sample(pixels, channels, height, width, identity, classNames.get(identity) + "/" + image);
    }

    @Override
    public int label(int index) {
        java.util.Objects.checkIndex(index, size());
        return index / imagesPerIdentity;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public long seed() {
        return seed;
    }

    public int imagesPerIdentity() {
        return imagesPerIdentity;
    }
}
