package dev.hypersphere.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training progress bar on stderr: steps done, ETA, and the latest loss, accuracy and throughput. The step rate
 * is ours ({@link RateText}), not the bar's, whose fixed format prints ".0 steps/s" below one step a second.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final long startStep;
    private final long startNanos = System.nanoTime();

    Progress(String task, long start, long total, PrintStream out) {
        this.startStep = start;
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(start, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" steps", 1)
                .build();
    }

    void update(long step, String message) {
        bar.stepTo(step);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        // The rate first: the bar cuts the message at the terminal's width.
        bar.setExtraMessage(RateText.format((step - startStep) / seconds, "step") + ", " + message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
