package dev.hypersphere.eval.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * How {@code hypersphere eval verify --bin FILE --model PATH} finds an embedder without evaluation depending on the
 * trainer: modules that can load a model register a provider ({@code META-INF/services}); the first that accepts
 * the path opens it.
 */
public interface ImageEmbedderProvider {

    /** Whether this provider can open {@code model} (a checkpoint file or folder). */
    boolean accepts(Path model);

    ImageEmbedder open(Path model) throws IOException;

    /** Opens {@code model} with the first provider that accepts it; one clear error when none does. */
    static ImageEmbedder openModel(Path model) throws IOException {
        List<String> names = new ArrayList<>();
        for (ImageEmbedderProvider provider : ServiceLoader.load(ImageEmbedderProvider.class)) {
            names.add(provider.getClass().getName());
            if (provider.accepts(model)) {
                return provider.open(model);
            }
        }
        throw new IllegalArgumentException("--model " + model + ": " + (names.isEmpty()
                ? "no model loader is installed (the trainer's embedder registers one); embed the images and pass --embeddings instead"
                : "none of the installed model loaders (" + String.join(", ", names) + ") accepts it"));
    }
}
