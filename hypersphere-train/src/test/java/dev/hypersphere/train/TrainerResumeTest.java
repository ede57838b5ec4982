package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.train.checkpoint.Checkpoints;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped at a checkpoint and resumed in a fresh process state (new blocks, new optimiser, weights and state
 * only from the checkpoint) logs exactly the losses of the uninterrupted run.
 */
class TrainerResumeTest {

    @Test
    void resumedRunRepeatsTheUninterruptedLossCurve(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        try (TinyRun run = new TinyRun(whole, TinyRun.TOTAL, 7)) {
            run.trainer.run(TinyRun::stream, TrainingPosition.start(), Double.NaN);
        }
        Path split = tmp.resolve("split");
        try (TinyRun first = new TinyRun(split, 20, 7)) {
            first.trainer.run(TinyRun::stream, TrainingPosition.start(), Double.NaN);
        }
        // Steps 21..23 of a run killed before its next checkpoint: logged, then lost.
        Files.writeString(split.resolve("log.jsonl"), "{\"step\":21,\"loss\":123}\n{\"step\":22,\"lo",
                java.nio.file.StandardOpenOption.APPEND);
        try (TinyRun second = new TinyRun(split, TinyRun.TOTAL, 99)) {   // another seed: initial weights differ
            Path checkpoint = new Checkpoints(split.resolve("checkpoints"), 2).latest().orElseThrow();
            Checkpoints.Restored restored = Checkpoints.load(checkpoint,
                    Map.of("backbone", second.backbone, "head", second.head), second.optimizer, second.manager);
            assertEquals(new TrainingPosition(20, 2, 6), restored.position());
            second.trainer.run(TinyRun::stream, restored.position(), Double.NaN);
        }
        List<Map<String, Object>> expected = ScalarLog.read(whole.resolve("log.jsonl"));
        List<Map<String, Object>> actual = ScalarLog.read(split.resolve("log.jsonl"));
        assertEquals(TinyRun.TOTAL, expected.size(), Files.readString(whole.resolve("log.jsonl")));
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("step"), actual.get(i).get("step"));
            assertEquals(expected.get(i).get("loss"), actual.get(i).get("loss"), "loss at step " + (i + 1));
            assertEquals(expected.get(i).get("lr"), actual.get(i).get("lr"));
        }
        double first = ((Number) expected.get(0).get("loss")).doubleValue();
        double last = ((Number) expected.get(expected.size() - 1).get("loss")).doubleValue();
        assertTrue(last < first, "the tiny run learns: " + first + " -> " + last);
    }
}
