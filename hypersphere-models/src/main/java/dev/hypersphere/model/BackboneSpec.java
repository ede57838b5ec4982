package dev.hypersphere.model;

import dev.hypersphere.validate.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to build: a backbone by name, the size of its embedding and the input it takes (channels × height ×
 * width). The name is resolved to its catalogue id on construction ({@code r50} becomes {@code iresnet50}); an
 * unknown name or an input the architecture cannot take is rejected here with a one-line message, so a spec
 * that exists can always be built.
 */
public record BackboneSpec(String name, int embeddingDim, int channels, int height, int width) {

    public BackboneSpec {
        Architecture architecture = Architecture.of(name);
        name = architecture.id();
        Inputs.requireAtLeast(name + " embeddingDim", embeddingDim, 1);
        Inputs.requireAtLeast(name + " input channels", channels, 1);
        Inputs.requireAtLeast(name + " input height", height, 1);
        Inputs.requireAtLeast(name + " input width", width, 1);
        architecture.requireInputSize(height, width);
    }

    /** The backbone's usual spec (e.g. iresnet50: 512-d, 3×112×112; lenet++: 2-d, 1×28×28). */
    public static BackboneSpec defaults(String name) {
        return Architecture.of(name).defaultSpec();
    }

    public Architecture architecture() {
        return Architecture.of(name);
    }

    public BackboneSpec withEmbeddingDim(int dim) {
        return new BackboneSpec(name, dim, channels, height, width);
    }

    public BackboneSpec withInput(int newChannels, int newHeight, int newWidth) {
        return new BackboneSpec(name, embeddingDim, newChannels, newHeight, newWidth);
    }

    /**
     * The spec and the layout it stands for, as plain maps, lists, strings and numbers (ready for a JSON
     * writer), for a run's {@code model.json}.
     */
    public Map<String, Object> describe() {
        Architecture architecture = architecture();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("embeddingDim", embeddingDim);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("channels", channels);
        input.put("height", height);
        input.put("width", width);
        m.put("input", input);
        m.put("featureMap", architecture.featureMap(height, width));
        m.putAll(architecture.layout());
        return m;
    }
}
