package dev.hypersphere.face.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PhotoEmbedder} made of a list of photos: one unit embedding per photo (row i = photo i; all zeros for a
 * photo in which no face was found and no fallback applied), and how each face was obtained: found by the detector,
 * the centre crop because none was found, the whole image (no detector), or none.
 */
public final class PhotoEmbeddings {

    static final byte DETECTED = 0;
    static final byte FALLBACK = 1;
    static final byte WHOLE = 2;
    static final byte NONE = 3;

    private final List<PhotoCollection.Photo> photos;
    private final float[] rows;
    private final int dim;
    private final String modelId;
    private final byte[] outcome;
    private final Map<String, Object> timing;

    PhotoEmbeddings(List<PhotoCollection.Photo> photos, float[] rows, int dim, String modelId, byte[] outcome,
                    Map<String, Object> timing) {
        this.photos = List.copyOf(photos);
        this.rows = rows;
        this.dim = dim;
        this.modelId = modelId;
        this.outcome = outcome;
        this.timing = timing;
    }

    /** Row-major unit embeddings, one row per photo (shared, not copied). */
    public float[] rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public int size() {
        return photos.size();
    }

    /** The embedder's id (name + SHA-256 of its files). */
    public String modelId() {
        return modelId;
    }

    public List<PhotoCollection.Photo> photos() {
        return photos;
    }

    /** Photos whose face the detector found. */
    public int detected() {
        return count(DETECTED);
    }

    /** Photos where no face was found and the centre crop was embedded instead. */
    public int centreCropFallbacks() {
        return count(FALLBACK);
    }

    /** Photos embedded whole (no detector). */
    public int wholeImages() {
        return count(WHOLE);
    }

    /** Photos with no face and no fallback: their rows are zero. */
    public int faceless() {
        return count(NONE);
    }

    /** Whether photo i has an embedding (a face found, the fallback or the whole image). */
    public boolean embedded(int i) {
        return outcome[i] != NONE;
    }

    /** The names of the photos that fell back to the centre crop, in photo order. */
    public List<String> fallbackNames() {
        return names(FALLBACK);
    }

    /** The names of the photos left without an embedding. */
    public List<String> facelessNames() {
        return names(NONE);
    }

    /** Wall time and the time of each stage: decode, detect, align, embed. */
    public Map<String, Object> timing() {
        return timing;
    }

    /** The counts (with the fallback photos named) and the timing, for reports. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_id", modelId);
        json.put("dim", dim);
        json.put("images", size());
        json.put("faces_detected", detected());
        json.put("centre_crop_fallbacks", centreCropFallbacks());
        json.put("whole_images", wholeImages());
        json.put("no_face", faceless());
        json.put("centre_crop_fallback_images", fallbackNames());
        if (faceless() > 0) {
            json.put("no_face_images", facelessNames());
        }
        json.put("timing", timing);
        return json;
    }

    private int count(byte kind) {
        int n = 0;
        for (byte b : outcome) {
            n += b == kind ? 1 : 0;
        }
        return n;
    }

    private List<String> names(byte kind) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outcome.length; i++) {
            if (outcome[i] == kind) {
                out.add(photos.get(i).name());
            }
        }
        return out;
    }
}
