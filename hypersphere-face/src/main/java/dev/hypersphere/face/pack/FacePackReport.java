package dev.hypersphere.face.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** What a face pack holds and what it left out, photo by photo, as JSON and Markdown. */
public final class FacePackReport {

    /** Photos listed per reason in the Markdown form (the JSON lists all). */
    private static final int MARKDOWN_LIST = 30;

    private final Map<String, Object> doc = new LinkedHashMap<>();
    private final Map<PackOutcome, List<String>> byOutcome = new EnumMap<>(PackOutcome.class);
    private final List<String> severalKept = new ArrayList<>();
    private final List<String> droppedIdentities;

    FacePackReport(String source, String output, FacePacker.Format format, FacePackOptions options, int quality,
            List<CroppedPhoto> photos, List<String> classNames, List<String> files, double alignSeconds, double seconds) {
        for (PackOutcome o : PackOutcome.values()) {
            byOutcome.put(o, new ArrayList<>());
        }
        TreeSet<String> packedIdentities = new TreeSet<>();
        TreeSet<String> dropped = new TreeSet<>();
        for (CroppedPhoto p : photos) {
            byOutcome.get(p.outcome()).add(p.outcome() == PackOutcome.PACKED ? p.name() : p.name() + ": " + p.detail());
            if (p.outcome() == PackOutcome.PACKED) {
                packedIdentities.add(classNames.get(p.label()));
                if (p.faces() > 1) {
                    severalKept.add(p.name() + ": " + p.faces() + " faces, " + options.policy().name().toLowerCase(Locale.ROOT) + " one kept");
                }
            } else if (p.outcome() == PackOutcome.IDENTITY_DROPPED) {
                dropped.add(classNames.get(p.label()));
            }
        }
        droppedIdentities = List.copyOf(dropped);
        doc.put("source", source);
        doc.put("output", output);
        doc.put("format", format == FacePacker.Format.RECORDIO ? "recordio" : "folder");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("detector", options.detector().toString());
        settings.put("faces", options.policy().name().toLowerCase(Locale.ROOT));
        settings.put("score_threshold", options.scoreThreshold());
        settings.put("template", options.template());
        settings.put("height", options.height());
        settings.put("width", options.width());
        settings.put("min_face_size", options.minFaceSize());
        settings.put("min_images", options.minImages());
        settings.put("max_side", options.maxSide());
        settings.put("threads", options.threads());
        if (format == FacePacker.Format.RECORDIO) {
            settings.put("jpeg_quality", quality);
        }
        doc.put("settings", settings);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("photos", photos.size());
        counts.put("faces_found", photos.size() - byOutcome.get(PackOutcome.NO_FACE).size()
                - byOutcome.get(PackOutcome.UNDECODABLE).size());
        for (PackOutcome o : PackOutcome.values()) {
            counts.put(o.key(), byOutcome.get(o).size());
        }
        counts.put("several_faces_kept", severalKept.size());
        counts.put("identities", classNames.size());
        counts.put("identities_packed", packedIdentities.size());
        counts.put("identities_dropped", droppedIdentities.size());
        doc.put("counts", counts);
        doc.put("seconds", seconds);
        doc.put("align_seconds", alignSeconds);
        doc.put("photos_per_second", photos.size() / Math.max(alignSeconds, 1e-9));
        doc.put("files", files);
        Map<String, Object> leftOut = new LinkedHashMap<>();
        for (PackOutcome o : PackOutcome.values()) {
            if (o != PackOutcome.PACKED) {
                leftOut.put(o.key(), byOutcome.get(o));
            }
        }
        leftOut.put("identities_dropped", droppedIdentities);
        doc.put("left_out", leftOut);
        doc.put("several_faces_kept", severalKept);
    }

    /** The counts as one line, e.g. for an error message. */
    static String summary(List<CroppedPhoto> photos) {
        Map<PackOutcome, Integer> counts = new EnumMap<>(PackOutcome.class);
        photos.forEach(p -> counts.merge(p.outcome(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((o, n) -> parts.add(o.key().replace('_', ' ') + " " + n));
        return String.join(", ", parts);
    }

    /** Counts by name (photos, faces_found, packed, no_face, …, identities_packed, identities_dropped). */
    @SuppressWarnings("unchecked")
    public Map<String, Integer> counts() {
        return (Map<String, Integer>) doc.get("counts");
    }

    public double photosPerSecond() {
        return (double) doc.get("photos_per_second");
    }

    public double seconds() {
        return (double) doc.get("seconds");
    }

    /** Photos (named, with the reason) that got {@code outcome}. */
    public List<String> photos(PackOutcome outcome) {
        return List.copyOf(byOutcome.get(outcome));
    }

    public List<String> droppedIdentities() {
        return droppedIdentities;
    }

    public Map<String, Object> asMap() {
        return doc;
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String markdown() {
        Map<String, Integer> counts = counts();
        StringBuilder md = new StringBuilder();
        md.append("# Face pack: ").append(doc.get("source")).append("\n\n");
        md.append("Written to `").append(doc.get("output")).append("` (").append(doc.get("format")).append(") in ")
                .append(String.format(Locale.ROOT, "%.1f s (%.1f photos/s aligned)", seconds(), photosPerSecond()))
                .append(".\n\n| | count |\n|---|---:|\n");
        counts.forEach((k, v) -> md.append("| ").append(k.replace('_', ' ')).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        for (PackOutcome o : PackOutcome.values()) {
            if (o != PackOutcome.PACKED) {
                list(md, o.key().replace('_', ' '), byOutcome.get(o));
            }
        }
        list(md, "identities dropped", droppedIdentities);
        list(md, "several faces (one kept)", severalKept);
        return md.toString();
    }

    private static void list(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append(" (").append(items.size()).append(")\n\n");
        items.stream().limit(MARKDOWN_LIST).forEach(i -> md.append("- ").append(i).append('\n'));
        if (items.size() > MARKDOWN_LIST) {
            md.append("- … ").append(items.size() - MARKDOWN_LIST).append(" more in the JSON report\n");
        }
        md.append('\n');
    }
}
