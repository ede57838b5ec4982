package dev.hypersphere.data.synthetic;

import java.util.SplittableRandom;

/**
 * Draws a {@link FaceIdentity} under a {@link FaceVariation} into an RGB image of any size: every pixel is mapped
 * back into face coordinates (undoing translation, rotation and scale) and the layers are composited with
 * anti-aliased edges (coverage from an approximate signed distance, one pixel wide). Then lighting, colour cast,
 * an occluding patch and sensor noise are applied in image space. Pure function of its inputs.
 */
final class FaceRenderer {

    /** Face units per image side at scale 1: the head and hair fill most of the frame, as in aligned crops. */
    private static final double FRAMING = 0.88;

    private FaceRenderer() {}

    /** RGB planes (CHW, values in [0, 255]). */
    static float[] render(FaceIdentity id, FaceVariation var, int height, int width) {
        int plane = height * width;
        float[] out = new float[3 * plane];
        double size = Math.min(height, width);
        double cos = Math.cos(-var.rotation());
        double sin = Math.sin(-var.rotation());
        double scale = FRAMING * var.scale();
        double pixel = 1.0 / (size * scale);   // one pixel in face units
        Geometry g = new Geometry(id, var);
        double[] rgb = new double[3];
        SplittableRandom noise = new SplittableRandom(var.noiseSeed());
        double lightU = var.lightStrength() * Math.cos(var.lightAngle()) * 1.6;
        double lightV = var.lightStrength() * Math.sin(var.lightAngle()) * 1.6;
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                double x = (px + 0.5 - width / 2.0) / size;
                double y = (py + 0.5 - height / 2.0) / size;
                double tx = x - var.dx();
                double ty = y - var.dy();
                double u = (cos * tx - sin * ty) / scale;
                double v = (sin * tx + cos * ty) / scale;
                // Background: a colour with a gradient across the image.
                for (int c = 0; c < 3; c++) {
                    rgb[c] = var.background()[c] + var.backgroundSlope()[0] * x + var.backgroundSlope()[1] * y;
                }
                g.paint(u, v, pixel, rgb);
                // Light from one side (on everything: a cheap stand-in for shading), then exposure and white balance.
                double light = 1 + lightU * u + lightV * v;
                for (int c = 0; c < 3; c++) {
                    double value = ((rgb[c] * light - 128) * var.contrast() + 128) * var.brightness() * var.cast()[c];
                    if (var.occluded() && Math.abs(x - var.occU() * 0.6) < var.occW() / 2 && Math.abs(y - var.occV() * 0.6) < var.occH() / 2) {
                        value = var.occColour()[c];
                    }
                    // Approximately Gaussian noise (sum of three uniforms, variance matched), far cheaper than Box–Muller.
                    double n = (noise.nextDouble() + noise.nextDouble() + noise.nextDouble() - 1.5) * 2.0;
                    value += n * var.noise();
                    out[c * plane + py * width + px] = (float) Math.max(0, Math.min(255, value));
                }
            }
        }
        return out;
    }

    /** The face's layers, with the pose-dependent positions worked out once per image. */
    private static final class Geometry {
        private final FaceIdentity id;
        private final FaceVariation var;
        private final double faceShift;
        private final double eyeShift;
        private final double noseShift;
        private final double mouthShift;
        private final double[] eyeScale = new double[2];
        private final double[] hair;
        private final double[] shadow;
        private final double browCos;
        private final double browSin;

        Geometry(FaceIdentity id, FaceVariation var) {
            this.id = id;
            this.var = var;
            // Yaw moves features sideways by their depth (the nose most) and shrinks the far eye.
            faceShift = var.yaw() * 0.02;
            eyeShift = var.yaw() * 0.07;
            noseShift = var.yaw() * 0.13;
            mouthShift = var.yaw() * 0.07;
            eyeScale[0] = 1 - 0.35 * var.yaw();
            eyeScale[1] = 1 + 0.35 * var.yaw();
            hair = id.hair();
            browCos = Math.cos(id.browTilt());
            browSin = Math.sin(id.browTilt());
            shadow = new double[] {id.skin()[0] * 0.72, id.skin()[1] * 0.68, id.skin()[2] * 0.66};
        }

        void paint(double u, double v, double px, double[] rgb) {
            double a = id.headWidth();
            double b = id.headHeight();
            double hu = u - faceShift;
            if (Math.abs(hu) > a + id.hairVolume() + 0.12 || v < -(b + id.hairVolume() + 0.06)) {
                return;   // beyond the hair and the ears: background only
            }
            if (id.longHair()) {
                blend(rgb, hair, cover(ellipse(hu, v - 0.10, a + id.hairVolume() + 0.05, b + id.hairVolume() + 0.02), px));
            }
            // Neck, then ears, then the head itself over them.
            blend(rgb, shadow, cover(Math.max(Math.abs(hu) - a * 0.45, b * 0.55 - v), px));
            double earV = id.eyeY() + 0.06;
            blend(rgb, id.skin(), cover(ellipse(Math.abs(hu) - a * 0.97, v - earV, 0.045, 0.08), px));
            double taper = 1 - id.jawTaper() * Math.max(0, v) / b;
            double headEdge = ellipse(hu, v, a * taper, b);
            blend(rgb, id.skin(), cover(headEdge, px));
            // Hair on top: inside a slightly larger head outline, above a curved hairline.
            double hairBand = Math.max(ellipse(hu, v + 0.01, a + id.hairVolume(), b + id.hairVolume()),
                    v - (id.hairline() + 0.10 * (hu / a) * (hu / a)));
            blend(rgb, hair, cover(hairBand, px));
            if (id.beard()) {
                double beard = Math.max(headEdge, id.mouthY() - 0.04 - v);
                blend(rgb, hair, 0.85 * cover(beard, px));
            }
            // Brows and eyes, one side at a time (0: left in the image, 1: right).
            for (int side = 0; side < 2; side++) {
                double s = side == 0 ? -1 : 1;
                double cx = s * id.eyeSpacing() + eyeShift;
                double k = eyeScale[side];
                double browV = id.eyeY() - id.browGap() - var.browRaise();
                blend(rgb, hair, cover(bar(u - cx, v - browV, id.browLength() * k, id.browThickness(), browCos, s * browSin), px));
                double ew = id.eyeWidth() * k;
                double eh = id.eyeHeight() * var.blink();
                double white = ellipse(u - cx, v - id.eyeY(), ew, Math.max(eh, 0.004));
                blend(rgb, WHITE, cover(white, px));
                double irisR = id.eyeHeight() * 0.85 * k;
                double irisU = u - cx - var.yaw() * 0.02;
                double iris = Math.max(circle(irisU, v - id.eyeY(), irisR), white);
                blend(rgb, id.iris(), cover(iris, px));
                blend(rgb, BLACK, cover(Math.max(circle(irisU, v - id.eyeY(), irisR * 0.45), white), px));
                if (id.glasses()) {
                    double ring = Math.abs(circle(u - cx, v - id.eyeY(), ew * 1.45)) - 0.008;
                    blend(rgb, DARK, cover(ring, px));
                }
                if (var.sunglasses()) {
                    blend(rgb, BLACK, 0.9 * cover(ellipse(u - cx, v - id.eyeY(), ew * 1.4, id.eyeHeight() * 2.2), px));
                }
            }
            // Nose: a shaded ridge and two nostrils.
            double nx = noseShift;
            double noseTop = id.eyeY() + 0.03;
            double noseBottom = id.eyeY() + id.noseLength();
            double ridge = segment(u - nx, v, noseTop, noseBottom, id.noseWidth() * 0.22);
            blend(rgb, shadow, 0.55 * cover(ridge, px));
            for (int side = -1; side <= 1; side += 2) {
                blend(rgb, DARK, 0.7 * cover(ellipse(u - nx - side * id.noseWidth() * 0.55, v - noseBottom, id.noseWidth() * 0.3,
                        id.noseWidth() * 0.18), px));
            }
            // Mouth: lips bent by the smile; a dark opening when open.
            double mx = mouthShift;
            double half = id.mouthWidth() / 2;
            double bend = (id.smile() + var.smileDelta()) * ((u - mx) / half) * ((u - mx) / half);
            double mv = v - id.mouthY() + bend;
            blend(rgb, id.lips(), cover(ellipse(u - mx, mv, half, id.lipThickness() + var.mouthOpen()), px));
            if (var.mouthOpen() > 0.002) {
                blend(rgb, DARK, cover(ellipse(u - mx, mv, half * 0.8, var.mouthOpen()), px));
            }
            if (id.mole()) {
                blend(rgb, DARK, cover(circle(hu - id.moleU() * a, v - id.moleV() * b, 0.012), px));
            }
        }

        private static final double[] WHITE = {235, 235, 230};
        private static final double[] BLACK = {10, 10, 12};
        private static final double[] DARK = {45, 30, 28};
    }

    /** Approximate signed distance to an axis-aligned ellipse (negative inside). */
    static double ellipse(double u, double v, double a, double b) {
        double q = Math.sqrt((u / a) * (u / a) + (v / b) * (v / b));
        return (q - 1) * Math.min(a, b);
    }

    static double circle(double u, double v, double r) {
        return Math.sqrt(u * u + v * v) - r;
    }

    /** Signed distance to a bar of the given length and thickness, tilted by the angle whose cosine and sine are c, s. */
    static double bar(double u, double v, double length, double thickness, double c, double s) {
        double along = c * u + s * v;
        double across = -s * u + c * v;
        return Math.max(Math.abs(along) - length / 2, Math.abs(across) - thickness / 2);
    }

    /** Signed distance to a vertical capsule from (0, top) to (0, bottom) of the given radius. */
    static double segment(double u, double v, double top, double bottom, double radius) {
        double clamped = Math.max(top, Math.min(bottom, v));
        return Math.sqrt(u * u + (v - clamped) * (v - clamped)) - radius;
    }

    /** Coverage of a pixel by a shape at signed distance {@code d}, with a one-pixel-wide edge. */
    static double cover(double d, double pixel) {
        double c = 0.5 - d / pixel;
        return c <= 0 ? 0 : (c >= 1 ? 1 : c);
    }

    static void blend(double[] rgb, double[] colour, double alpha) {
        if (alpha <= 0) {
            return;
        }
        for (int c = 0; c < 3; c++) {
            rgb[c] += (colour[c] - rgb[c]) * alpha;
        }
    }
}
