package dev.hypersphere.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.engine.Tensors;

/**
 * Runs a real head on one embedding at a chosen angle θ from its class centre and reads off the target logit: a
 * sanity check of each head's margin that needs no data. The probe uses two classes in the plane, centres e0 and
 * e1 (every sub-centre of a class on its centre), and the embedding {@code ‖x‖·(cos θ, sin θ)} labelled class 0,
 * run in float64.
 */
public final class TargetLogitProbe {

    /** What a head makes of the probe: its target logit and the same logit without the margin. */
    public record Result(double targetLogit, double plainLogit, double scale) {

        /**
         * The angle whose plain logit equals the target logit: how far from its centre the margin makes the sample
         * look, in degrees; NaN where the target logit lies outside ±scale (SphereFace's ψ reaches −(2m − 1)).
         */
        public double effectiveAngleDegrees() {
            double cos = targetLogit / scale;
            return Math.abs(cos) <= 1 + 1e-12 ? Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos)))) : Double.NaN;
        }
    }

    private TargetLogitProbe() {}

    /**
     * @param head        a fresh head of 2 classes and embedding dimension 2 (its W is overwritten)
     * @param thetaRadians the angle between the embedding and its class centre
     * @param featureNorm ‖x‖, which only SphereFace's original form and softmax see
     */
    public static Result probe(Head head, double thetaRadians, double featureNorm) {
        if (head.numClasses() != 2 || head.embeddingDim() != 2) {
            throw new IllegalArgumentException("the probe needs a head of 2 classes in 2 dimensions, got "
                    + head.numClasses() + " classes in " + head.embeddingDim());
        }
        if (!(thetaRadians >= 0 && thetaRadians <= Math.PI)) {
            throw new IllegalArgumentException("theta must be in [0°, 180°], got " + Math.toDegrees(thetaRadians) + "°");
        }
        try (NDManager manager = HypersphereEngine.newManager()) {
            head.initialize(manager, DataType.FLOAT64, new Shape(1, 2));
            NDArray w = head.weight().getArray();
            int perClass = (int) w.getShape().get(0) / 2;
            double[] centres = new double[(int) w.size()];
            for (int row = 0; row < 2 * perClass; row++) {
                centres[row * 2 + row / perClass] = 1;
            }
            Tensors.overwrite(w, centres);
            NDArray x = manager.create(new double[] {featureNorm * Math.cos(thetaRadians), featureNorm * Math.sin(thetaRadians)},
                    new Shape(1, 2));
            double target = head.logits(new ParameterStore(manager, false), x, manager.create(new long[] {0}), false)
                    .getDouble(0, 0);
            double scale = head.hyperParameters().get("s") instanceof Double s ? s : featureNorm;
            return new Result(target, scale * Math.cos(thetaRadians), scale);
        }
    }
}
