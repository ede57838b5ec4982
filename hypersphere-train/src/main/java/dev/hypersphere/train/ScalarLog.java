package dev.hypersphere.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's scalar log: one JSON object per line ({@code log.jsonl}), each with at least {@code step}. Lines are
 * flushed as written, so a killed run keeps everything it logged; on resume, lines of steps after the checkpoint
 * are dropped first, so the log reads as one uninterrupted run.
 */
public final class ScalarLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter writer;

    private ScalarLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** Opens the log for appending, after removing entries of steps after {@code stepsDone} (0: start afresh). */
    public static ScalarLog open(Path file, long stepsDone) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    if (JSON.readTree(line).path("step").asLong() <= stepsDone) {
                        kept.add(line);
                    }
                } catch (IOException e) {
                    // A line cut short by a kill: drop it.
                }
            }
            dev.hypersphere.io.AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        return new ScalarLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    public void write(Map<String, Object> entry) throws IOException {
        writer.write(JSON.writeValueAsString(entry));
        writer.newLine();
        writer.flush();
    }

    /** Reads every entry of a log. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = JSON.readValue(line, Map.class);
                entries.add(entry);
            }
        }
        return entries;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
