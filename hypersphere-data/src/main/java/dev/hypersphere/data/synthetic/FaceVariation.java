package dev.hypersphere.data.synthetic;

import java.util.SplittableRandom;

/**
 * How one picture of a person differs from the others: pose (translation, scale, in-plane rotation, yaw),
 * expression, lighting (direction, strength, brightness, colour cast), background, sensor noise, and an optional
 * occluding patch. Drawn per (identity, image); strong on purpose, so that a softmax-trained embedding and an
 * angular-margin one separate unseen identities differently.
 */
public record FaceVariation(
        double dx, double dy, double scale, double rotation, double yaw,
        double mouthOpen, double smileDelta, double browRaise, double blink,
        double lightAngle, double lightStrength, double brightness, double contrast, double[] cast,
        double[] background, double[] backgroundSlope, double noise, long noiseSeed,
        boolean occluded, double occU, double occV, double occW, double occH, double[] occColour,
        boolean sunglasses) {

    public static FaceVariation draw(SplittableRandom r) {
        double[] background = {between(r, 0, 255), between(r, 0, 255), between(r, 0, 255)};
        double[] slope = {between(r, -60, 60), between(r, -60, 60)};
        double[] cast = {between(r, 0.85, 1.15), between(r, 0.85, 1.15), between(r, 0.85, 1.15)};
        double[] occ = {between(r, 0, 255), between(r, 0, 255), between(r, 0, 255)};
        return new FaceVariation(
                clip(gaussian(r) * 0.09, 0.2), clip(gaussian(r) * 0.09, 0.2), Math.exp(between(r, Math.log(0.8), Math.log(1.2))),
                clip(gaussian(r) * Math.toRadians(12), Math.toRadians(28)), between(r, -0.4, 0.4),
                r.nextDouble() < 0.4 ? between(r, 0.0, 0.035) : 0.0, between(r, -0.03, 0.03), between(r, -0.02, 0.03),
                r.nextDouble() < 0.15 ? between(r, 0.1, 0.4) : between(r, 0.8, 1.2),
                between(r, 0, 2 * Math.PI), between(r, 0.0, 0.6), between(r, 0.6, 1.35), between(r, 0.7, 1.25), cast,
                background, slope, between(r, 2, 16), r.nextLong(),
                r.nextDouble() < 0.35, between(r, -0.5, 0.5), between(r, -0.5, 0.5), between(r, 0.15, 0.45),
                between(r, 0.15, 0.45), occ, r.nextDouble() < 0.08);
    }

    private static double between(SplittableRandom r, double low, double high) {
        return low + (high - low) * r.nextDouble();
    }

    static double gaussian(SplittableRandom r) {
        // Box–Muller written out, so that the pictures never depend on a JDK's nextGaussian algorithm.
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clip(double value, double limit) {
        return Math.max(-limit, Math.min(limit, value));
    }
}
