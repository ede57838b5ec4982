package dev.hypersphere.face;

import java.util.Locale;

/** What to do when an image holds more than one face. */
public enum MultiFacePolicy {
    /** Keep the face with the largest box. */
    LARGEST,
    /** Keep every face (by descending score). */
    ALL,
    /** More than one face is an error naming the image and the count. */
    FAIL;

    /** {@code largest}, {@code all} or {@code fail} (any case). */
    public static MultiFacePolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("face policy must be largest, all or fail, got '" + text + "'");
        }
    }
}
