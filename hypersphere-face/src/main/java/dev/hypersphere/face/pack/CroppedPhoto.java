package dev.hypersphere.face.pack;

import dev.hypersphere.face.DetectedFace;

/**
 * One photo after detection and alignment.
 *
 * @param name     where it comes from (path, or archive!entry)
 * @param label    its identity in the source
 * @param outcome  what became of it
 * @param detail   why, for outcomes other than {@code PACKED} (the decoder's message, the face count, the face size)
 * @param faces    faces the detector found (0 when it did not run)
 * @param width, height size of the photo as decoded (after any subsampling of a huge photo), 0 when undecodable
 * @param face     the chosen face in that photo's pixels, or null
 * @param crop     the aligned crop, RGB bytes in CHW order, or null
 */
public record CroppedPhoto(String name, int label, PackOutcome outcome, String detail, int faces, int width, int height,
                           DetectedFace face, byte[] crop) {

    /** The same photo with another outcome (its crop released). */
    public CroppedPhoto as(PackOutcome newOutcome, String newDetail) {
        return new CroppedPhoto(name, label, newOutcome, newDetail, faces, width, height, face, null);
    }
}
