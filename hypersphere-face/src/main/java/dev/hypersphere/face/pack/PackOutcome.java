package dev.hypersphere.face.pack;

/** What became of one photo in a face pack; every photo gets exactly one outcome, and the report names each. */
public enum PackOutcome {
    /** A face was found, chosen and aligned. */
    PACKED("packed"),
    /** The detector found no face scoring above the threshold. */
    NO_FACE("no_face"),
    /** Several faces and the policy is {@code fail}. */
    SEVERAL_FACES("several_faces"),
    /** The chosen face's box is smaller than the minimum face size. */
    TOO_SMALL("too_small"),
    /** The file is not an image that decodes. */
    UNDECODABLE("undecodable"),
    /** Aligned, but its identity kept fewer than the minimum number of images and was dropped. */
    IDENTITY_DROPPED("identity_dropped");

    private final String key;

    PackOutcome(String key) {
        this.key = key;
    }

    /** The name used in the report and the landmarks file. */
    public String key() {
        return key;
    }
}
