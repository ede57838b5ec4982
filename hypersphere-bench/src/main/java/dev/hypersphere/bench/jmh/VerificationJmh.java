package dev.hypersphere.bench.jmh;

import dev.hypersphere.bench.eval.VerificationPairs;
import dev.hypersphere.eval.verify.FlipMode;
import dev.hypersphere.eval.verify.PairFeatures;
import dev.hypersphere.eval.verify.Verification;
import dev.hypersphere.eval.verify.VerificationProtocol;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: one verification run (protocol, ROC, AUC, EER, TAR@FAR) on LFW's shape, 6,000 pairs of 512-d embeddings in
 * 10 folds, from gathered pair features. {@code hypersphere bench eval} runs it through {@link JmhRunner}; by hand:
 * {@code java -cp … org.openjdk.jmh.Main VerificationJmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VerificationJmh {

    @Param({"insightface"})
    public String protocol;

    @Param({"6000"})
    public int pairs;

    private PairFeatures features;
    private VerificationProtocol verification;

    @Setup
    public void setUp() {
        features = VerificationPairs.generate(pairs, 512, 42);
        verification = VerificationProtocol.byName(protocol);
    }

    @Benchmark
    public Verification.Outcome run() {
        return Verification.run(features, verification, FlipMode.NONE);
    }
}
