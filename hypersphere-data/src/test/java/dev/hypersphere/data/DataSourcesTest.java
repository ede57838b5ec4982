package dev.hypersphere.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hypersphere.data.idx.IdxSource;
import dev.hypersphere.data.image.ImageArchiveSource;
import dev.hypersphere.data.image.ImageFolderSource;
import dev.hypersphere.data.synthetic.SyntheticFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One text names any source; the kinds are told apart, and nonsense is refused with a one-line reason. */
class DataSourcesTest {

    @TempDir
    Path dir;

    @Test
    void eachSpecificationOpensItsKindOfSource() throws IOException {
        SampleSource synthetic = DataSources.open("synthetic:7,3,20,24,5", 1);
        assertInstanceOf(SyntheticFaces.class, synthetic);
        assertEquals(21, synthetic.size());
        assertEquals(24, synthetic.get(0).width());
        assertEquals(10_000, DataSources.open("synthetic", 1).size());

        Path folder = dir.resolve("faces");
        Files.createDirectories(folder.resolve("a"));
        Files.write(folder.resolve("a/1.pgm"), TestImages.pgm(3, 2));
        assertInstanceOf(ImageFolderSource.class, DataSources.open(folder.toString(), 3));

        Path tar = dir.resolve("faces.tar");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(tar))) {
            byte[] pgm = TestImages.pgm(3, 2);
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("train/a/1.pgm");
            entry.setSize(pgm.length);
            out.putArchiveEntry(entry);
            out.write(pgm);
            out.closeArchiveEntry();
        }
        SampleSource archive = DataSources.open(tar + "!train/", 1);
        assertInstanceOf(ImageArchiveSource.class, archive);
        assertEquals(1, archive.size());

        Path mnist = dir.resolve("mnist");
        Files.createDirectories(mnist);
        Files.write(mnist.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9});
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 4});
        SampleSource idx = DataSources.open(mnist + "!test", 1);
        assertInstanceOf(IdxSource.class, idx);
        assertEquals(4, idx.label(0));
    }

    @Test
    void unknownOrMissingDataIsAnError() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DataSources.open(dir.resolve("none").toString(), 3));
        assertEquals("data: no such file or folder: " + dir.resolve("none"), missing.getMessage());
        Path text = Files.writeString(dir.resolve("list.txt"), "x");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> DataSources.open(text.toString(), 3));
        assertTrue(unknown.getMessage().startsWith("data: cannot tell what " + text + " is"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> DataSources.open("synthetic:1,2", 3));
        assertEquals("data: expected synthetic:IDENTITIES,IMAGES,HEIGHT,WIDTH,SEED, got 'synthetic:1,2'", bad.getMessage());
    }
}
