package dev.hypersphere.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writesWholeFilesAndLeavesTheOldOneWhenTheWriterFails(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.json");
        AtomicFiles.writeString(target, "{\"a\": 1}");
        assertEquals("{\"a\": 1}", Files.readString(target));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("{\"a\": 2, half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("{\"a\": 1}", Files.readString(target));
        AtomicFiles.write(target, out -> {
            out.write("closed by the writer".getBytes());
            out.close();
        });
        assertEquals("closed by the writer", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }
}
