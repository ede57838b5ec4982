package dev.hypersphere.data;

/**
 * Derives independent 64-bit seeds from a base seed and coordinates (epoch, sample index…) with SplitMix64's
 * finaliser, so that whatever is drawn for a sample depends only on those numbers, never on which thread asks or
 * in which order.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /** A seed for {@code base} at the given coordinates; different coordinates give unrelated seeds. */
    public static long derive(long base, long... coordinates) {
        long h = mix(base + GOLDEN_GAMMA);
        for (long c : coordinates) {
            h = mix(h ^ mix(c + GOLDEN_GAMMA));
            h += GOLDEN_GAMMA;
        }
        return mix(h);
    }

    /** SplitMix64's output function (Steele, Lea and Flood 2014). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
