package dev.hypersphere.eval.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Unpickler;

/**
 * insightface's evaluation sets ({@code lfw.bin}, {@code cfp_fp.bin}, {@code agedb_30.bin}...): a Python pickle of
 * {@code (list of encoded images, list of bool)}, where images 2i and 2i+1 form pair i and bool i says whether
 * they show the same person. Read here without Python:
 * <ul>
 *   <li>the original files, pickled by Python 2: images are Python 2 {@code str} (raw bytes, read as Latin-1
 *       text by the unpickler and turned back into bytes here);</li>
 *   <li>newer files pickled by Python 3: images are {@code bytes}, or numpy {@code uint8} arrays holding the
 *       encoded bytes (numpy's {@code _reconstruct} + state at protocol ≤ 4, {@code _frombuffer} at 5), or numpy
 *       {@code uint8} arrays of decoded H×W×3 pixels.</li>
 * </ul>
 * The images are decoded by {@link Images}; the unpickling itself is net.razorvine's {@code Unpickler}.
 */
public final class InsightFaceBin {

    /** One image as stored: encoded bytes (JPEG/PNG...) or, in some converted files, decoded HWC pixels. */
    public record StoredImage(byte[] bytes, int[] pixelShape) {
        public boolean isEncoded() {
            return pixelShape == null;
        }
    }

    /** The file's content: {@code images.size() == 2 * issame.length}. */
    public record Contents(Path file, List<StoredImage> images, boolean[] issame) {
        public int pairs() {
            return issame.length;
        }
    }

    static {
        NumpyArray.register();
    }

    private InsightFaceBin() {}

    /** Reads a .bin file; an unreadable file is an {@link IOException} with one line naming the file and why. */
    public static Contents read(Path file) throws IOException {
        Object root;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            root = new Unpickler().load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BinFormatException(file, "no such file");
        } catch (IOException | RuntimeException e) {   // razorvine reports damage as PickleException or plain runtime errors
            throw new BinFormatException(file, "not a readable insightface .bin pickle (" + oneLine(e) + ")");
        }
        if (!(root instanceof Object[] tuple) || tuple.length != 2 || !(tuple[0] instanceof List<?> bins)
                || !(tuple[1] instanceof List<?> flags)) {
            throw new BinFormatException(file, "expected a pickled (list of images, list of bool), got "
                    + describe(root));
        }
        boolean[] issame = new boolean[flags.size()];
        for (int i = 0; i < issame.length; i++) {
            Object flag = flags.get(i);
            if (flag instanceof Boolean b) {
                issame[i] = b;
            } else if (flag instanceof Number n) {
                issame[i] = n.intValue() != 0;
            } else {
                throw new BinFormatException(file, "issame[" + i + "] is " + describe(flag) + ", expected a bool");
            }
        }
        if (bins.size() != 2 * issame.length) {
            throw new BinFormatException(file, bins.size() + " images for " + issame.length
                    + " pairs; expected two images per pair (images 2i and 2i+1 form pair i)");
        }
        List<StoredImage> images = new ArrayList<>(bins.size());
        for (int i = 0; i < bins.size(); i++) {
            images.add(image(file, i, bins.get(i)));
        }
        return new Contents(file, images, issame);
    }

    private static StoredImage image(Path file, int index, Object stored) throws BinFormatException {
        if (stored instanceof byte[] bytes) {
            return new StoredImage(bytes, null);
        }
        if (stored instanceof String python2Str) {   // a Python 2 str: one char per byte
            return new StoredImage(python2Str.getBytes(StandardCharsets.ISO_8859_1), null);
        }
        if (stored instanceof NumpyArray array) {
            if (!array.isUint8()) {
                throw new BinFormatException(file, "image " + index + " is a numpy array of " + array.dtype()
                        + "; expected uint8 (encoded bytes or H×W×3 pixels)");
            }
            int[] shape = array.shape();
            if (shape.length == 1) {
                return new StoredImage(array.data(), null);
            }
            if (shape.length == 3 && (shape[2] == 3 || shape[2] == 1)) {
                return new StoredImage(array.data(), shape);
            }
            throw new BinFormatException(file, "image " + index + " is a uint8 array of shape "
                    + java.util.Arrays.toString(shape) + "; expected 1-D encoded bytes or H×W×C pixels");
        }
        throw new BinFormatException(file, "image " + index + " is " + describe(stored) + ", expected bytes");
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[] tuple) {
            return "a tuple of " + tuple.length;
        }
        return "a " + o.getClass().getSimpleName();
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    /** A .bin file that cannot be read; the message names the file. */
    public static final class BinFormatException extends IOException {
        public BinFormatException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    /**
     * Just enough of a numpy array to hold what the .bin files pickle: shape, element type and raw bytes.
     * Registered for numpy's pickle entry points ({@code _reconstruct} + {@code __setstate__}, {@code _frombuffer},
     * {@code dtype}) under both module names ({@code numpy.core}, and {@code numpy._core} of numpy 2).
     */
    public static final class NumpyArray {
        private int[] shape = {0};
        private String dtype = "?";
        private byte[] data = new byte[0];

        static void register() {
            IObjectConstructor reconstruct = args -> new NumpyArray();
            IObjectConstructor frombuffer = NumpyArray::fromBuffer;
            IObjectConstructor dtype = args -> new NumpyDType(String.valueOf(args[0]));
            for (String core : new String[] {"numpy.core", "numpy._core"}) {
                Unpickler.registerConstructor(core + ".multiarray", "_reconstruct", reconstruct);
                Unpickler.registerConstructor(core + ".numeric", "_frombuffer", frombuffer);
            }
            Unpickler.registerConstructor("numpy", "dtype", dtype);
        }

        /** {@code _frombuffer(buffer, dtype, shape, order)}. */
        private static Object fromBuffer(Object[] args) {
            NumpyArray array = new NumpyArray();
            array.data = bytesOf(args[0]);
            array.dtype = args[1] instanceof NumpyDType d ? d.name() : String.valueOf(args[1]);
            array.shape = shapeOf(args[2]);
            return array;
        }

        /** numpy's array state: {@code (version, shape, dtype, is_fortran, rawdata)}. */
        public void __setstate__(Object[] state) {
            int base = state.length == 5 ? 1 : 0;
            shape = shapeOf(state[base]);
            dtype = state[base + 1] instanceof NumpyDType d ? d.name() : String.valueOf(state[base + 1]);
            data = bytesOf(state[base + 3]);
        }

        private static int[] shapeOf(Object o) {
            Object[] dims = o instanceof Object[] t ? t : new Object[] {o};
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = ((Number) dims[i]).intValue();
            }
            return shape;
        }

        private static byte[] bytesOf(Object o) {
            if (o instanceof byte[] b) {
                return b;
            }
            if (o instanceof String s) {
                return s.getBytes(StandardCharsets.ISO_8859_1);
            }
            throw new IllegalArgumentException("numpy array data is a " + (o == null ? "None" : o.getClass().getSimpleName()));
        }

        public int[] shape() {
            return shape.clone();
        }

        public String dtype() {
            return dtype;
        }

        public byte[] data() {
            return data;
        }

        boolean isUint8() {
            return dtype.equals("u1") || dtype.equals("uint8") || dtype.equals("|u1");
        }
    }

    /** A numpy dtype as pickled: its name, e.g. {@code u1}; the state (byte order...) is irrelevant for bytes. */
    public record NumpyDType(String name) {
        public void __setstate__(Object[] state) {
            // (version, byteorder, subdescr, names, fields, elsize, alignment, flags): nothing needed for uint8
        }
    }
}
