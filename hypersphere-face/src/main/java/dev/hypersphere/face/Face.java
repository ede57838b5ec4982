package dev.hypersphere.face;

/** One face found in an image: where, and its L2-normalised embedding. */
public record Face(DetectedFace detection, float[] embedding) {}
