package dev.hypersphere.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The training progress bar on stderr: steps done, ETA, and the latest loss, accuracy and throughput. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    Progress(String task, long start, long total, PrintStream out) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(start, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" steps", 1)
                .showSpeed()
                .build();
    }

    void update(long step, String message) {
        bar.stepTo(step);
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
