package dev.hypersphere.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.hypersphere.engine.HypersphereEngine;
import java.util.LinkedHashMap;
import java.util.Map;

/** Our engine's thread settings, made equal to the baselines' and reported next to theirs. */
public final class EngineThreads {

    private EngineThreads() {}

    /**
     * Starts the engine with {@code threads} intra-op threads (or, if something already started it with another
     * count, sets the count now; libtorch allows that for the intra-op pool).
     */
    public static void use(int threads) {
        HypersphereEngine.start(threads);
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** What libtorch reports: intra-op and inter-op threads, and the OpenMP / OpenBLAS variables of this process. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("torch_threads", JniUtils.getNumThreads());
        m.put("torch_interop_threads", JniUtils.getNumInteropThreads());
        for (String var : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
            m.put(var, System.getenv(var));
        }
        return m;
    }
}
