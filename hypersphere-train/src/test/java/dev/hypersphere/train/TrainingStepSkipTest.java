package dev.hypersphere.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.hypersphere.data.Batch;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.train.optim.ParameterGroup;
import dev.hypersphere.train.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step with a non-finite gradient is skipped, and does not leave NaN behind in the accumulated gradients. */
class TrainingStepSkipTest {

    private static Batch batch(float value) {
        float[] data = new float[4 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = value * ((i % 5) - 2);
        }
        return new Batch(data, new long[] {0, 1, 0, 1}, new int[] {0, 1, 2, 3}, 1, 1, 3);
    }

    @Test
    void theStepAfterASkippedOneIsApplied() {
        HypersphereEngine.start();
        try (NDManager manager = HypersphereEngine.newManager()) {
            // √|·| has an infinite derivative at 0: an all-zero batch gives a finite loss but NaN/∞ gradients in the
            // first layer (its output is exactly 0 there, its bias starts at 0).
            SequentialBlock backbone = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(3).build())
                    .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().abs().sqrt())))
                    .add(Linear.builder().setUnits(2).build());
            backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 1, 3));
            Head head = Heads.create("softmax", 2, 2);
            head.initialize(manager, DataType.FLOAT32, new Shape(4, 2));
            List<Parameter> parameters = new ArrayList<>();
            backbone.getParameters().values().forEach(parameters::add);
            head.getParameters().values().forEach(parameters::add);
            TrainingStep step = new TrainingStep(manager, backbone, head, null, 0, new Sgd(manager, 0.9),
                    List.of(new ParameterGroup("all", parameters, 1, 0)), 0);
            TrainingStep.Result skipped = step.run(batch(0), 0.1);
            assertTrue(Double.isFinite(skipped.loss()), "finite loss " + skipped.loss());
            assertFalse(skipped.applied(), "gradient norm " + skipped.gradientNorm());
            TrainingStep.Result next = step.run(batch(1), 0.1);
            assertTrue(next.applied(), "gradient norm after a skipped step: " + next.gradientNorm());
        }
    }
}
