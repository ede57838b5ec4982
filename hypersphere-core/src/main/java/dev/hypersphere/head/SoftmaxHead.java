package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The baseline: a plain linear layer {@code Wx + b} on unnormalised embeddings, no margin. */
public final class SoftmaxHead extends Head {

    private final Parameter bias;

    public SoftmaxHead(int numClasses, int embeddingDim) {
        super(numClasses, embeddingDim, numClasses);
        this.bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(numClasses))
                .optInitializer(new ConstantInitializer(0f))
                .build());
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        return new LinkedHashMap<>();
    }

    @Override
    protected NDArray marginLogits(ParameterStore store, NDArray embeddings, NDArray labels, boolean training) {
        return linear(store, embeddings, training);
    }

    @Override
    protected NDArray inferenceScores(ParameterStore store, NDArray embeddings) {
        return linear(store, embeddings, false);
    }

    private NDArray linear(ParameterStore store, NDArray x, boolean training) {
        NDArray w = weightValue(store, x, training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return x.matMul(w.transpose()).add(b);
    }
}
