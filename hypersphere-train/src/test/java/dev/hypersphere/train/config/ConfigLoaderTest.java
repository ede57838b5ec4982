package dev.hypersphere.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void layersApplyInOrder(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, "train:\n  steps: 300\nhead:\n  name: cosface\n  params: {m: 0.4}\n");
        TrainConfig config = ConfigLoader.defaults().preset("demo").file(yaml)
                .overrides(Map.of("train.batch-size", "32", "head.params.s", "30"), "the command line").resolve();
        assertEquals(300, config.train().steps());              // file over preset
        assertEquals(32, config.train().batchSize());           // flag over preset
        assertEquals("cosface", config.head().name());
        assertEquals(Map.of("m", "0.4", "s", "30"), config.head().params());
        assertEquals("synthetic", config.data().source());      // preset
        assertEquals(0.0005, config.optimizer().weightDecay()); // default
        assertEquals(List.of(), config.schedule().milestones());
        // The resolved YAML reads back to the same config.
        Path resolved = dir.resolve("config.yaml");
        Files.writeString(resolved, ConfigLoader.toYaml(config));
        assertEquals(config, ConfigLoader.read(resolved));
    }

    @Test
    void changingTheHeadDropsTheOldHeadsParameters() {
        TrainConfig softmax = ConfigLoader.defaults().preset("demo").overrides(Map.of("head.name", "softmax"), "--set").resolve();
        assertEquals(Map.of(), softmax.head().params());
        TrainConfig cosface = ConfigLoader.defaults().preset("demo")
                .overrides(Map.of("head.name", "cosface", "head.params.m", "0.2"), "--set").resolve();
        assertEquals(Map.of("m", "0.2"), cosface.head().params());
    }

    @Test
    void typosAndBadValuesAreOneLine(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, "train:\n  stepz: 300\n");
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.defaults().file(yaml));
        assertEquals("unknown key 'train.stepz' in " + yaml + "; valid keys under train: batch-size, checkpoint-every, "
                + "keep-checkpoints, log-every, seed, steps, threads, validate-every", typo.getMessage());
        IllegalArgumentException section = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.defaults().overrides(Map.of("trian.steps", "3"), "--set"));
        assertEquals("unknown key 'trian' in --set; valid keys: center-loss, data, head, model, optimizer, schedule, "
                + "train, validation", section.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.defaults().overrides(Map.of("train.steps", "many"), "--set").resolve());
        assertEquals("train.steps must be a whole number, got 'many'", type.getMessage());
        assertEquals("unknown preset 'mnist'; valid: demo, mnist-sphereface, faces-arcface, faces-cpu",
                assertThrows(IllegalArgumentException.class, () -> ConfigLoader.defaults().preset("mnist")).getMessage());
    }
}
