package dev.hypersphere.eval.io;

import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text file that names the rows of an embeddings {@code .npy}: UTF-8, exactly one line per row, in row order,
 * {@code label<TAB>path}. The label is the identity (the trainer writes its class index; any text without a tab
 * is accepted, e.g. a person's name); the path is the image the row was computed from, as given to the embedder
 * (relative or absolute, '/'-separated). Both fields must be present: write {@code -} for an unknown label.
 * The embedder ({@code hypersphere embed}) writes {@code NAME.npy} and {@code NAME.tsv} side by side; readers
 * look for {@code NAME.tsv} next to {@code NAME.npy} when no rows file is given.
 *
 * <p>Example: {@code 17	lfw/Abel_Pacheco/Abel_Pacheco_0001.jpg}
 */
public record RowsFile(List<String> labels, List<String> paths) {

    public RowsFile {
        labels = List.copyOf(labels);
        paths = List.copyOf(paths);
        if (labels.size() != paths.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + paths.size() + " paths");
        }
    }

    public int size() {
        return labels.size();
    }

    /** The rows file beside an embeddings file: {@code x/NAME.npy} → {@code x/NAME.tsv}. */
    public static Path besides(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(stem + ".tsv");
    }

    public static RowsFile read(Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not UTF-8 text (expected one 'label<TAB>path' line per row)");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1 || line.indexOf('\t', tab + 1) >= 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'label<TAB>path' (two fields, one tab), got '"
                        + abbreviate(line) + "'");
            }
            labels.add(line.substring(0, tab));
            paths.add(line.substring(tab + 1));
        }
        return new RowsFile(labels, paths);
    }

    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            String label = labels.get(i);
            String path = paths.get(i);
            if (label.isEmpty() || label.contains("\t") || label.contains("\n") || path.isEmpty() || path.contains("\t")
                    || path.contains("\n")) {
                throw new IllegalArgumentException("row " + i + ": label and path must be non-empty and hold no tab or newline");
            }
            text.append(label).append('\t').append(path).append('\n');
        }
        AtomicFiles.writeString(file, text.toString());
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
