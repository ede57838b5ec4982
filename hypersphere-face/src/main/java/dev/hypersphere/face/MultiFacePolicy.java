package dev.hypersphere.face;

import java.util.Locale;

/** What to do when an image holds more than one face. */
public enum MultiFacePolicy {
    /** Keep the face with the largest box. */
    LARGEST,
    /** Keep the face whose box centre is nearest the image centre (photos of one person, e.g. LFW, CelebA). */
    CENTRAL,
    /** Keep every face (by descending score). */
    ALL,
    /** More than one face is an error naming the image and the count. */
    FAIL;

    /** {@code largest}, {@code central}, {@code all} or {@code fail} (any case). */
    public static MultiFacePolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("face policy must be largest, central, all or fail, got '" + text + "'");
        }
    }
}
