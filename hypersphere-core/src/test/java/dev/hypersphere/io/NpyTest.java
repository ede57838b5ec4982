package dev.hypersphere.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Npy} against files written by NumPy ({@code tools/make_npy_fixtures.py}); values are the closed forms that
 * script used: element (i, j) = i + j/10, vector element i = 1000·i − 7.
 */
class NpyTest {

    private static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /npy/" + name, e);
        }
    }

    private static void assertClosedForm(Npy.FloatMatrix m, int rows, int cols) {
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals((float) (i + j / 10.0), m.values()[i * cols + j], 0f, "element (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void readsNumpyFloat32AndFloat64MatricesInBothHeaderVersions() throws IOException {
        assertClosedForm(Npy.readFloatMatrix(fixture("f4_3x4.npy")), 3, 4);
        assertClosedForm(Npy.readFloatMatrix(fixture("f4_3x4_v2.npy")), 3, 4);
        assertEquals(2, Npy.readHeader(fixture("f4_3x4_v2.npy")).version());
        assertClosedForm(Npy.readFloatMatrix(fixture("f8_2x5.npy")), 2, 5);
        assertClosedForm(Npy.readFloatMatrix(fixture("f4_2048x4.npy")), 2048, 4);
        Npy.DoubleMatrix wide = Npy.readDoubleMatrix(fixture("f8_2x5.npy"));
        assertEquals(1 + 3 / 10.0, wide.values()[1 * 5 + 3], 0.0, "float64 read exactly");
        Npy.DoubleMatrix widened = Npy.readDoubleMatrix(fixture("f4_3x4.npy"));
        assertEquals((float) 2.3, widened.values()[2 * 4 + 3], 0.0, "float32 widened exactly");
    }

    @Test
    void readsInt32AndInt64Vectors() throws IOException {
        long[] expected = {-7, 993, 1993, 2993, 3993, 4993};
        assertArrayEquals(expected, Npy.readLongVector(fixture("i8_6.npy")));
        assertArrayEquals(expected, Npy.readLongVector(fixture("i4_6.npy")));
        assertArrayEquals(Arrays.stream(expected).mapToInt(v -> (int) v).toArray(), Npy.readIntVector(fixture("i8_6.npy")));
    }

    @Test
    void refusesWhatItCannotReadWithOneClearMessage() {
        assertMessage("f4_big_endian.npy", "element type '>f4': big-endian data is not supported");
        assertMessage("f4_fortran.npy", "Fortran-ordered arrays are not supported");
        assertMessage("f4_3d.npy", "expected a 2-D matrix (N, d), got shape (2, 2, 2)");
        assertMessage("u1_4.npy", "element type '|u1': expected float32/float64/int32/int64");
        IOException vector = assertThrows(IOException.class, () -> Npy.readLongVector(fixture("f4_3x4.npy")));
        assertTrue(vector.getMessage().endsWith("expected a 1-D int32 or int64 vector, got shape (3, 4)"), vector.getMessage());
        IOException floats = assertThrows(IOException.class, () -> Npy.readFloatMatrix(fixture("i8_6.npy")));
        assertTrue(floats.getMessage().contains("expected a 2-D matrix"), floats.getMessage());
    }

    private static void assertMessage(String name, String expected) {
        IOException e = assertThrows(IOException.class, () -> Npy.readFloatMatrix(fixture(name)));
        assertTrue(e.getMessage().startsWith(fixture(name).toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void refusesTruncatedAndForeignFiles(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(fixture("f4_3x4.npy"));
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 5));
        IOException e = assertThrows(IOException.class, () -> Npy.readFloatMatrix(truncated));
        assertTrue(e.getMessage().contains("truncated: the header <f4 (3, 4) (npy v1) needs 48 bytes of data, the file holds 43"),
                e.getMessage());
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "label\tpath\n");
        IOException notNpy = assertThrows(IOException.class, () -> Npy.readFloatMatrix(text));
        assertTrue(notNpy.getMessage().endsWith("not a .npy file (it does not begin with \\x93NUMPY)"), notNpy.getMessage());
    }

    @Test
    void writesWhatItReadsAndWhatNumpyWrites(@TempDir Path dir) throws IOException {
        float[] values = {1.5f, -2f, Float.MIN_VALUE, 3e38f, 0f, -0f};
        Path f32 = dir.resolve("a.npy");
        Npy.writeFloatMatrix(f32, values, 3, 2);
        assertArrayEquals(values, Npy.readFloatMatrix(f32).values());
        double[] doubles = {Math.PI, -1e-300, 7, 8};
        Path f64 = dir.resolve("b.npy");
        Npy.writeDoubleMatrix(f64, doubles, 2, 2);
        assertArrayEquals(doubles, Npy.readDoubleMatrix(f64).values());
        Path i64 = dir.resolve("c.npy");
        Npy.writeLongVector(i64, new long[] {Long.MIN_VALUE, 5});
        assertArrayEquals(new long[] {Long.MIN_VALUE, 5}, Npy.readLongVector(i64));
        Path i32 = dir.resolve("d.npy");
        Npy.writeIntVector(i32, new int[] {-1, 2, 3});
        assertArrayEquals(new long[] {-1, 2, 3}, Npy.readLongVector(i32));

        // The header is NumPy's layout: version 1.0, the dict padded with spaces to a multiple of 64, then '\n'.
        byte[] bytes = Files.readAllBytes(f32);
        Npy.Header header = Npy.readHeader(f32);
        assertEquals(0, header.dataOffset() % 64);
        assertEquals('\n', bytes[(int) header.dataOffset() - 1]);
        String dict = new String(bytes, 10, (int) header.dataOffset() - 10, java.nio.charset.StandardCharsets.US_ASCII).strip();
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", dict);
        assertEquals("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                new String(Npy.header(Npy.DType.INT32, new long[] {3}), 10, 59, java.nio.charset.StandardCharsets.US_ASCII).strip());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Npy.writeFloatMatrix(f32, values, 4, 2));
        assertEquals("a 4×2 matrix needs 8 values, got 6", bad.getMessage());
    }
}
