package dev.hypersphere.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one place where the tensor engine (DJL on PyTorch) is started.
 *
 * <p>DJL reads its offline and telemetry switches when its first class loads, so {@link #start} sets them as
 * system properties before touching any DJL class: with {@code ai.djl.offline=true} the PyTorch natives are taken
 * from the {@code pytorch-native-*} jar on the class path and nothing is downloaded; with
 * {@code OPT_OUT_TRACKING=true} DJL makes no telemetry call. A CUDA native jar on the class path makes DJL load
 * the CUDA flavour, and {@link #device()} then answers the first GPU.
 */
public final class HypersphereEngine {

    /** Environment variable (or system property) that fixes the number of intra-op threads. */
    public static final String THREADS_SETTING = "HYPERSPHERE_THREADS";

    private static volatile Engine engine;

    private HypersphereEngine() {}

    /** Starts the engine with the thread count from {@value #THREADS_SETTING}, else PyTorch's default. */
    public static Engine start() {
        return start(threadsFromSettings());
    }

    /**
     * Starts the engine once per process; later calls return the running engine. PyTorch fixes its thread pools at
     * start-up, so the first call's {@code threads} holds for the whole process (later requests are not applied).
     *
     * @param threads intra-op threads, or 0 for PyTorch's default (one per core)
     */
    public static synchronized Engine start(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = engine default), got " + threads);
        }
        if (engine != null) {
            return engine;
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            // Inter-op parallelism buys nothing for the eager, single-graph steps we run.
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot start the PyTorch engine offline: " + e.getMessage()
                    + " (the pytorch-native-cpu jar must be on the class path)", e);
        }
        return engine;
    }

    /** The device new tensors go to: the first GPU when the engine sees one, else the CPU. */
    public static Device device() {
        Engine e = start();
        return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** A new root manager on {@link #device()}; close it (try-with-resources) to free its native memory. */
    public static NDManager newManager() {
        return start().newBaseManager(device());
    }

    static int threadsFromSettings() {
        String value = System.getProperty(THREADS_SETTING, System.getenv(THREADS_SETTING));
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads < 0) {
                throw new NumberFormatException();
            }
            return threads;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_SETTING + " must be a whole number >= 0, got '" + value + "'");
        }
    }
}
