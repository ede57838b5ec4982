package dev.hypersphere.train.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.train.TestImages;
import dev.hypersphere.train.config.ConfigLoader;
import dev.hypersphere.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split none without data.test-path uses data.path as the test set (as defaults.yaml documents), and the setup
 * knows whether the held-out identities are new (open set) or training ones.
 */
class DataSetupTest {

    private static TrainConfig.Data data(Map<String, String> overrides) {
        return ConfigLoader.defaults().overrides(overrides, "test").resolve().data();
    }

    @Test
    void splitNoneWithoutTestPathValidatesOnTheTrainingImagesOfAFolder(@TempDir Path tmp) throws Exception {
        Path faces = TestImages.folder(tmp.resolve("faces"), 3, "ann", "bob", "cid");
        try (DataSetup setup = DataSetup.open(data(Map.of("data.source", "folder", "data.path", faces.toString(),
                "data.split", "none", "data.height", "16", "data.width", "16")))) {
            assertSame(setup.train(), setup.heldOut());   // the same samples, opened once
            assertEquals(9, setup.heldOut().size());
            assertFalse(setup.unseenIdentities());
        }
    }

    @Test
    void splitNoneWithoutTestPathWorksForSyntheticData() throws Exception {
        try (DataSetup setup = DataSetup.open(data(Map.of("data.split", "none", "data.identities", "6",
                "data.images-per-identity", "3")))) {
            assertEquals(18, setup.heldOut().size());
            assertFalse(setup.unseenIdentities());
        }
    }

    @Test
    void aSeparateTestSetIsOpenSetOnlyWithNewIdentities(@TempDir Path tmp) throws Exception {
        Path train = TestImages.folder(tmp.resolve("train"), 2, "ann", "bob");
        Path newPeople = TestImages.folder(tmp.resolve("new"), 2, "cid", "dan");
        Path samePeople = TestImages.folder(tmp.resolve("same"), 1, "ann", "bob");
        Map<String, String> base = Map.of("data.source", "folder", "data.path", train.toString(), "data.split", "none");
        try (DataSetup setup = DataSetup.open(data(with(base, "data.test-path", newPeople.toString())))) {
            assertTrue(setup.unseenIdentities());
        }
        try (DataSetup setup = DataSetup.open(data(with(base, "data.test-path", samePeople.toString())))) {
            assertEquals(2, setup.heldOut().size());
            assertFalse(setup.unseenIdentities());
        }
    }

    @Test
    void onlyIdentitySplitsHoldOutUnseenIdentities() throws Exception {
        Map<String, String> synthetic = Map.of("data.identities", "10", "data.images-per-identity", "4");
        for (String split : new String[] {"identity", "identity-folds"}) {
            try (DataSetup setup = DataSetup.open(data(with(synthetic, "data.split", split)))) {
                assertTrue(setup.unseenIdentities(), split);
            }
        }
        try (DataSetup setup = DataSetup.open(data(with(synthetic, "data.split", "sample")))) {
            assertFalse(setup.unseenIdentities());
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(base);
        all.put(key, value);
        return all;
    }
}
