package dev.hypersphere.model;

import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.*;
import ai.djl.training.*;
import dev.hypersphere.engine.HypersphereEngine;
import org.junit.jupiter.api.Test;

class ScratchTiming {
    @Test
    void time() {
        HypersphereEngine.start(2);
        String name = System.getProperty("bb", "mobilefacenet");
        int n = Integer.getInteger("n", 64);
        try (NDManager manager = HypersphereEngine.newManager()) {
            Backbone b = Backbones.create(name);
            b.initialize(manager, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(manager, false);
            SequentialBlock trunk = (SequentialBlock) b.trunk();
            Shape shape = b.inputShape(n);
            for (int rep = 0; rep < 2; rep++) {
                StringBuilder sb = new StringBuilder();
                double total = 0;
                Shape s = shape;
                for (var child : trunk.getChildren()) {
                    Block blk = child.getValue();
                    try (NDManager scope = manager.newSubManager()) {
                        for (var p : blk.getParameters()) if (p.getValue().requiresGradient()) p.getValue().getArray().tempAttach(scope);
                        NDArray x = scope.randomNormal(s);
                        x.setRequiresGradient(true);
                        long t0 = System.nanoTime();
                        long t1;
                        NDArray y;
                        try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                            y = blk.forward(store, new NDList(x), true).singletonOrThrow();
                            t1 = System.nanoTime();
                            gc.backward(y.mul(scope.randomNormal(y.getShape())).sum());
                        }
                        x.getGradient().toFloatArray();
                        long t2 = System.nanoTime();
                        for (var p : blk.getParameters()) if (p.getValue().requiresGradient()) { NDArray g = p.getValue().getArray().getGradient(); g.subi(g); }
                        total += (t2 - t0) / 1e9;
                        sb.append(String.format("%s %s fwd %.0fms bwd %.0fms%n", child.getKey(), s, (t1-t0)/1e6, (t2-t1)/1e6));
                        s = y.getShape();
                    }
                }
                System.out.print(sb);
                System.out.printf("TOTAL %.2f s%n", total);
            }
        }
    }
}
