package dev.hypersphere.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** One progress line with an ETA on stderr, rewritten at most twice a second. */
final class Progress {

    private final PrintWriter err;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(PrintWriter err, String what, long total) {
        this.err = err;
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
        err.printf(Locale.ROOT, "\r%s: %d/%d (%.0f%%), elapsed %s, ETA %s%s", what, done, total, 100.0 * done / total,
                time(elapsed), done == 0 ? "?" : time(eta), done >= total ? "\n" : "");
        err.flush();
    }

    private static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
