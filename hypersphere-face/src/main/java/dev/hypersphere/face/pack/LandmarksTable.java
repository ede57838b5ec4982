package dev.hypersphere.face.pack;

import dev.hypersphere.face.DetectedFace;
import java.util.List;
import java.util.Locale;

/**
 * {@code OUT.landmarks.tsv}: one row per photo, in the source's order — photo, identity, outcome, faces found, the
 * chosen face's score, box (x, y, w, h) and five landmarks (x, y; YuNet's order: right eye, left eye, nose, right
 * and left mouth corner), in the pixels of the photo as decoded (its size in the width/height columns: a photo whose
 * longer side exceeded the pack's maximum was subsampled by a whole factor), and why it was left out.
 */
final class LandmarksTable {

    static final String HEADER = "image\tidentity\toutcome\tfaces\twidth\theight\tscore\tx\ty\tw\th"
            + "\tright_eye_x\tright_eye_y\tleft_eye_x\tleft_eye_y\tnose_x\tnose_y\tmouth_right_x\tmouth_right_y"
            + "\tmouth_left_x\tmouth_left_y\tdetail";

    private LandmarksTable() {}

    static String format(List<CroppedPhoto> photos, List<String> classNames) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (CroppedPhoto p : photos) {
            out.append(clean(p.name())).append('\t').append(clean(classNames.get(p.label()))).append('\t')
                    .append(p.outcome().key()).append('\t').append(p.faces()).append('\t')
                    .append(p.width()).append('\t').append(p.height());
            DetectedFace f = p.face();
            if (f == null) {
                out.append("\t".repeat(15));
            } else {
                out.append('\t').append(number(f.score())).append('\t').append(number(f.x())).append('\t')
                        .append(number(f.y())).append('\t').append(number(f.width())).append('\t').append(number(f.height()));
                for (float v : f.landmarks()) {
                    out.append('\t').append(number(v));
                }
            }
            out.append('\t').append(clean(p.detail())).append('\n');
        }
        return out.toString();
    }

    private static String number(float v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Tabs and line breaks would break the table. */
    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
