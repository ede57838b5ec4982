package dev.hypersphere.data.image;

/**
 * What a reader does with an image file it cannot decode: {@link #FAIL} (the default) stops with an error naming
 * the file; {@link #SKIP} leaves it out, counts it and names it in {@code skipped()}, so that one bad file in a
 * scraped data set does not stop a long job.
 */
public enum BadImagePolicy {
    FAIL,
    SKIP
}
