package dev.hypersphere.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where real data sets and models live for tests, examples and benchmarks: the folder named by the environment
 * variable (or system property) {@value #SETTING}, else {@code ../shared/data} beside the repository's checkout.
 * Users never need it: every reader takes a path.
 */
public final class SharedData {

    public static final String SETTING = "HYPERSPHERE_DATA";

    private SharedData() {}

    /** The data folder, if there is one. */
    public static Optional<Path> root() {
        String configured = System.getProperty(SETTING, System.getenv(SETTING));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        return checkout().map(root -> root.resolveSibling("shared").resolve("data")).filter(Files::isDirectory);
    }

    /** A file or folder under the data folder, if it exists (e.g. {@code resolve("mnist")}). */
    public static Optional<Path> resolve(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }

    /** Environment variable (or system property) naming the models folder. */
    public static final String MODELS_SETTING = "HYPERSPHERE_MODELS";

    /**
     * The models folder (e.g. {@code yunet/}): the folder named by {@value #MODELS_SETTING}, else {@code models/}
     * beside the data folder, else {@code ../shared/models} beside the checkout; if it exists.
     */
    public static Optional<Path> models() {
        String configured = System.getProperty(MODELS_SETTING, System.getenv(MODELS_SETTING));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        Optional<Path> besideData = root().map(r -> r.resolveSibling("models")).filter(Files::isDirectory);
        return besideData.isPresent() ? besideData
                : checkout().map(root -> root.resolveSibling("shared").resolve("models")).filter(Files::isDirectory);
    }

    /** A file or folder under the models folder, if it exists (e.g. {@code model("yunet/yunet_s_dynamic.onnx")}). */
    public static Optional<Path> model(String relative) {
        return models().map(m -> m.resolve(relative)).filter(Files::exists);
    }

    /** Why a test that needs {@code relative} is skipped, for assumption messages. */
    public static String missing(String relative) {
        return "real data '" + relative + "' not found: set " + SETTING + " or put shared/data beside the checkout";
    }

    /** The repository checkout: the nearest folder upwards from the working directory that holds {@code mvnw}. */
    private static Optional<Path> checkout() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return Optional.of(dir);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
