package dev.hypersphere.train.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypersphere.io.AtomicFiles;
import dev.hypersphere.train.optim.Optimizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's checkpoints: {@code checkpoints/step-NNNNNNNN/} folders, each complete or absent. A checkpoint is written
 * into a hidden temporary folder and renamed into place only when every file is on disk, then
 * {@code checkpoints/latest} is switched to it; a process killed at any moment leaves the previous checkpoint
 * intact.
 *
 * <p>Each holds the blocks' parameters (DJL's format, which also carries block metadata such as SphereFace's
 * annealing position), the optimiser's state arrays, and {@code state.json}: the position, the optimiser's step
 * count and anything the trainer adds (best validation, seed).
 */
public final class Checkpoints {

    private static final String LATEST = "latest";
    private static final String STATE = "state.json";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final int keep;

    /**
     * @param folder the run's {@code checkpoints} folder
     * @param keep   how many of the newest checkpoints to keep (older ones are deleted after a successful write)
     */
    public Checkpoints(Path folder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.folder = folder;
        this.keep = keep;
    }

    /** Saves a checkpoint and makes it the latest; returns its folder. */
    public Path save(TrainingPosition position, Map<String, Block> blocks, Optimizer optimizer, ObjectNode extra)
            throws IOException {
        Files.createDirectories(folder);
        String name = String.format("step-%08d", position.step());
        Path temp = Files.createTempDirectory(folder, "." + name + "-");
        try {
            for (Map.Entry<String, Block> block : blocks.entrySet()) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp.resolve(block.getKey() + ".params")));
                     DataOutputStream data = new DataOutputStream(out)) {
                    block.getValue().saveParameters(data);
                }
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp.resolve(OPTIMIZER))))) {
                Map<String, NDArray> arrays = optimizer.stateArrays();
                out.writeInt(arrays.size());
                for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
                    byte[] encoded = entry.getValue().encode();
                    out.writeUTF(entry.getKey());
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
            }
            ObjectNode state = extra == null ? JSON.createObjectNode() : extra.deepCopy();
            state.put("step", position.step());
            state.put("epoch", position.epoch());
            state.put("batch_in_epoch", position.batchInEpoch());
            state.put("optimizer", optimizer.name());
            state.put("optimizer_steps", optimizer.steps());
            Files.writeString(temp.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Path target = folder.resolve(name);
            deleteRecursively(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.writeString(folder.resolve(LATEST), name + "\n");
            pruneOlderThan(keep);
            return target;
        } finally {
            deleteRecursively(temp);
        }
    }

    /** The latest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        Path pointer = folder.resolve(LATEST);
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        Path target = folder.resolve(Files.readString(pointer).strip());
        if (!Files.isRegularFile(target.resolve(STATE))) {
            throw new IOException(pointer + " names " + target.getFileName() + ", which is missing or incomplete");
        }
        return Optional.of(target);
    }

    /** What a loaded checkpoint restores: the position and the trainer's extra state. */
    public record Restored(TrainingPosition position, JsonNode state) {}

    /** Loads a checkpoint into already built blocks and optimiser (same architecture as when saved). */
    public static Restored load(Path checkpoint, Map<String, Block> blocks, Optimizer optimizer, NDManager manager)
            throws IOException {
        JsonNode state = JSON.readTree(checkpoint.resolve(STATE).toFile());
        if (!optimizer.name().equals(state.path("optimizer").asText())) {
            throw new IllegalArgumentException(checkpoint.resolve(STATE) + ": saved with optimizer "
                    + state.path("optimizer").asText() + ", but this run uses " + optimizer.name());
        }
        for (Map.Entry<String, Block> block : blocks.entrySet()) {
            Path file = checkpoint.resolve(block.getKey() + ".params");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                 DataInputStream data = new DataInputStream(in)) {
                block.getValue().loadParameters(manager, data);
                // Loaded arrays come back without autograd: give trainable parameters their gradients again.
                block.getValue().getParameters().values().stream().filter(p -> p.requiresGradient())
                        .forEach(p -> p.getArray().setRequiresGradient(true));
            } catch (MalformedModelException | IllegalArgumentException | IllegalStateException e) {
                throw new IOException(file + " does not fit this run's " + block.getKey() + ": " + e.getMessage(), e);
            }
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try (NDManager scope = manager.newSubManager();
             DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER))))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                byte[] encoded = in.readNBytes(in.readInt());
                arrays.put(key, NDArray.decode(scope, encoded));
            }
            optimizer.restore(state.path("optimizer_steps").asLong(), arrays);
        }
        TrainingPosition position = new TrainingPosition(state.path("step").asLong(), state.path("epoch").asInt(),
                state.path("batch_in_epoch").asInt());
        return new Restored(position, state);
    }

    private void pruneOlderThan(int count) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(p -> p.getFileName().toString().startsWith("step-") && Files.isDirectory(p)).forEach(all::add);
        }
        all.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (int i = 0; i < all.size() - count; i++) {
            deleteRecursively(all.get(i));
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
