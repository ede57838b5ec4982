package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: durations and rates as people read them, a finished line, and a line ended early by close. */
class ProgressLineTest {

    @Test
    void durations() {
        assertEquals("0s", ProgressLine.duration(0.2));
        assertEquals("59s", ProgressLine.duration(59.4));
        assertEquals("1m00s", ProgressLine.duration(59.6));
        assertEquals("1h01m", ProgressLine.duration(3661));
    }

    @Test
    void firstUpdateDrawsAndTheLastEndsTheLine() {
        StringWriter text = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(text), "pack", "image")) {
            line.update(1, 4);
            line.update(2, 4);   // within half a second: not redrawn
            line.update(4, 4);
        }
        String out = text.toString();
        assertTrue(out.startsWith("\rpack: 1/4 images (25.0%), "), out);
        assertTrue(out.contains("ETA "), out);
        assertTrue(!out.contains("2/4"), out);
        assertTrue(out.contains("\rpack: 4/4 images (100.0%), "), out);
        assertTrue(out.endsWith("done in 0s" + System.lineSeparator()), out);
    }

    @Test
    void slowWorkShowsTheTimePerImage() {
        // A clock we move by hand: one image in 2 s, then three in 3 s (no waiting, no timing assertions).
        StringWriter text = new StringWriter();
        long[] now = {0};
        try (ProgressLine line = new ProgressLine(new PrintWriter(text), "detect", "image", () -> now[0])) {
            now[0] = 2_000_000_000L;
            line.update(1, 10);
            now[0] = 3_000_000_000L;
            line.update(3, 10);
        }
        String out = text.toString();
        assertTrue(out.startsWith("\rdetect: 1/10 images (10.0%), 2.0 s/image, ETA 18s"), out);
        assertTrue(out.contains("\rdetect: 3/10 images (30.0%), 1.0 images/s, ETA 7s"), out);
    }

    @Test
    void closeEndsALineLeftOpenByAnError() {
        StringWriter text = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(text), "pack", "image")) {
            line.update(1, 4);
        }
        assertTrue(text.toString().endsWith(System.lineSeparator()), text.toString());
    }
}
