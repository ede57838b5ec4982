package dev.hypersphere.cli;

import dev.hypersphere.train.RateText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One self-overwriting progress line on stderr: {@code what: done/total (pct), rate, ETA …}, redrawn at most
 * every half second and finished with a newline (also when the job stops early, on {@link #close}). The rate is the average since the start.
 */
final class ProgressLine implements AutoCloseable {

    private final PrintWriter err;
    private final String what;
    private final String unit;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int width;
    private boolean open;

    /** @param unit what is counted, singular ("image"): "3/8 images", "2.5 images/s" or "1.5 s/image" */
    ProgressLine(PrintWriter err, String what, String unit) {
        this(err, what, unit, System::nanoTime);
    }

    /** With a clock in nanoseconds (tests pass their own, so that a rate can be checked without waiting). */
    ProgressLine(PrintWriter err, String what, String unit, LongSupplier clock) {
        this.err = err;
        this.what = what;
        this.unit = unit;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start - 1_000_000_000L;   // the first update always draws (nanoTime may be negative)
    }

    synchronized void update(long done, long total) {
        long now = clock.getAsLong();
        if (done < total && now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        String eta = done >= total ? "done in " + duration(seconds) : rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA ?";
        String line = String.format(Locale.ROOT, "%s: %d/%d %ss (%.1f%%), %s, %s", what, done, total, unit,
                total == 0 ? 100.0 : 100.0 * done / total, RateText.format(rate, unit), eta);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        open = true;
        if (done >= total) {
            err.println();
            open = false;
        }
        err.flush();
    }

    /** Ends a line left unfinished (by an error), so that what is printed next starts on its own line. */
    @Override
    public synchronized void close() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
