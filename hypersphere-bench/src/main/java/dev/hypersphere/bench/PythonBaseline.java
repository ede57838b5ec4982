package dev.hypersphere.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs a baseline script from {@code tools/} as a child process with the same thread count as ours (OpenMP,
 * OpenBLAS and MKL threads set in its environment; the script also passes {@code --threads} to torch / FAISS),
 * relays its progress lines, and reads the JSON it writes.
 */
public final class PythonBaseline {

    private PythonBaseline() {}

    /** Runs {@code tools/script args… --threads N --json tmp} and returns the parsed JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> run(BenchSettings settings, String script, List<String> args) throws IOException {
        if (settings.tools() == null) {
            throw new IOException("cannot find the repository's tools/ folder (with " + script + "): run from the "
                    + "repository or set " + BenchSettings.TOOLS_SETTING);
        }
        Path file = settings.tools().resolve(script);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": baseline script not found");
        }
        Path json = Files.createTempFile("bench-baseline", ".json");
        try {
            List<String> command = new ArrayList<>(List.of(settings.python().toString(), file.toString()));
            command.addAll(args);
            command.addAll(List.of("--threads", Integer.toString(settings.threads()), "--json", json.toString()));
            if (!settings.allowInstall()) {
                command.add("--no-install");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            for (String var : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
                builder.environment().put(var, Integer.toString(settings.threads()));
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException(settings.python() + ": cannot start the baseline interpreter (" + e.getMessage()
                        + "); set " + BenchSettings.PYTHON_SETTING, e);
            }
            Deque<String> tail = new ArrayDeque<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    settings.log().println("  [" + script + "] " + line);
                    tail.addLast(line);
                    if (tail.size() > 20) {
                        tail.removeFirst();
                    }
                }
            }
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IOException(script + " interrupted", e);
            }
            if (code != 0 || Files.size(json) == 0) {
                throw new IOException(script + " failed (exit " + code + "): " + String.join(" | ", tail));
            }
            return new ObjectMapper().readValue(json.toFile(), Map.class);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** A {@code samples(...)} object of the script's JSON as {@link Samples}. */
    @SuppressWarnings("unchecked")
    public static Samples samples(Object node) {
        Map<String, Object> m = (Map<String, Object>) node;
        List<Number> values = (List<Number>) m.get("values");
        return new Samples((String) m.get("unit"), values.stream().mapToDouble(Number::doubleValue).toArray());
    }
}
