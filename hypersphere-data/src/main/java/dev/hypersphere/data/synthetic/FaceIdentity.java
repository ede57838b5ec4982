package dev.hypersphere.data.synthetic;

import java.util.SplittableRandom;

/**
 * The fixed traits of one synthetic person, drawn from its own seed: head shape, skin and hair, the geometry of
 * eyes, brows, nose and mouth, and a few distinguishing marks. Lengths are in face units (the head is about 1
 * tall); colours are RGB in [0, 255]. Traits are continuous, so that among hundreds of identities some look
 * alike, as real faces do.
 */
public record FaceIdentity(
        double headWidth, double headHeight, double jawTaper, double[] skin,
        double hairline, double hairVolume, boolean longHair, double[] hair,
        double eyeY, double eyeSpacing, double eyeWidth, double eyeHeight, double[] iris,
        double browGap, double browThickness, double browTilt, double browLength,
        double noseLength, double noseWidth,
        double mouthY, double mouthWidth, double lipThickness, double smile, double[] lips,
        boolean beard, double moleU, double moleV, boolean mole, boolean glasses) {

    /** Draws the traits of one identity. */
    public static FaceIdentity draw(SplittableRandom r) {
        double lightness = between(r, 70, 225);
        double warmth = between(r, 0.0, 0.35);
        double[] skin = {lightness, lightness * (0.82 - 0.25 * warmth), lightness * (0.70 - 0.35 * warmth)};
        double hairTone = r.nextDouble() < 0.75 ? between(r, 15, 90) : between(r, 110, 210);
        double[] hair = {hairTone * between(r, 0.9, 1.3), hairTone * between(r, 0.75, 1.0), hairTone * between(r, 0.5, 0.85)};
        double irisTone = between(r, 20, 140);
        double[] iris = {irisTone * between(r, 0.5, 1.0), irisTone * between(r, 0.6, 1.1), irisTone * between(r, 0.6, 1.4)};
        double[] lips = {skin[0] * between(r, 0.75, 0.95), skin[1] * between(r, 0.45, 0.7), skin[2] * between(r, 0.45, 0.7)};
        return new FaceIdentity(
                between(r, 0.30, 0.42), between(r, 0.42, 0.56), between(r, 0.0, 0.40), skin,
                between(r, -0.44, -0.20), between(r, 0.02, 0.12), r.nextDouble() < 0.4, hair,
                between(r, -0.14, 0.0), between(r, 0.10, 0.19), between(r, 0.045, 0.085), between(r, 0.020, 0.042), iris,
                between(r, 0.04, 0.09), between(r, 0.010, 0.030), between(r, -0.35, 0.35), between(r, 0.06, 0.11),
                between(r, 0.08, 0.20), between(r, 0.025, 0.065),
                between(r, 0.17, 0.32), between(r, 0.07, 0.18), between(r, 0.012, 0.040), between(r, -0.03, 0.04), lips,
                r.nextDouble() < 0.2, between(r, -0.25, 0.25), between(r, -0.1, 0.3), r.nextDouble() < 0.3,
                r.nextDouble() < 0.15);
    }

    static double between(SplittableRandom r, double low, double high) {
        return low + (high - low) * r.nextDouble();
    }
}
