package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypersphere.eval.io.RowsFile;
import dev.hypersphere.io.Npy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hypersphere eval ...} end to end on generated embeddings: reports, plots, and the bad-input path. */
class EvalCommandTest {

    private record Run(int exit, String out, String err) {}

    @TempDir
    static Path dir;
    private static final int CLASSES = 12;
    private static final int PER_CLASS = 10;
    private static final int DIM = 3;

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HypersphereCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** 12 identities × 10 images in 3-d, clustered around random directions; rows file beside; pairs 'i j same'. */
    @BeforeAll
    static void makeData() throws IOException {
        Random random = new Random(5);
        float[] data = new float[CLASSES * PER_CLASS * DIM];
        List<String> labels = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            double[] centre = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int i = 0; i < PER_CLASS; i++) {
                int row = c * PER_CLASS + i;
                for (int k = 0; k < DIM; k++) {
                    data[row * DIM + k] = (float) ((centre[k] + 0.25 * random.nextGaussian()) * (1 + i % 3));
                }
                labels.add("person" + c);
                paths.add("faces/person" + c + "/" + (i + 1) + ".png");
            }
        }
        Npy.writeFloatMatrix(dir.resolve("emb.npy"), data, CLASSES * PER_CLASS, DIM);
        new RowsFile(labels, paths).write(dir.resolve("emb.tsv"));
        StringBuilder pairs = new StringBuilder();
        for (int f = 0; f < 10; f++) {
            for (int j = 0; j < 20; j++) {
                int c = random.nextInt(CLASSES);
                int a = c * PER_CLASS + random.nextInt(PER_CLASS);
                int b = c * PER_CLASS + (a % PER_CLASS + 1 + random.nextInt(PER_CLASS - 1)) % PER_CLASS;
                pairs.append(a).append(' ').append(b).append(" 1 ").append(f).append('\n');
                int d = (c + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
                pairs.append(a).append(' ').append(d * PER_CLASS + random.nextInt(PER_CLASS)).append(" 0 ").append(f).append('\n');
            }
        }
        Files.writeString(dir.resolve("pairs.txt"), pairs.toString());
        // Gallery: the first image of each identity but the last two; probes: the other images of every identity.
        float[] gallery = new float[(CLASSES - 2) * DIM];
        List<String> gl = new ArrayList<>();
        float[] probes = new float[CLASSES * (PER_CLASS - 1) * DIM];
        List<String> pl = new ArrayList<>();
        int p = 0;
        for (int c = 0; c < CLASSES; c++) {
            if (c < CLASSES - 2) {
                System.arraycopy(data, c * PER_CLASS * DIM, gallery, c * DIM, DIM);
                gl.add("person" + c);
            }
            for (int i = 1; i < PER_CLASS; i++) {
                System.arraycopy(data, (c * PER_CLASS + i) * DIM, probes, p++ * DIM, DIM);
                pl.add("person" + c);
            }
        }
        Npy.writeFloatMatrix(dir.resolve("gallery.npy"), gallery, CLASSES - 2, DIM);
        new RowsFile(gl, gl.stream().map(l -> l + ".png").toList()).write(dir.resolve("gallery.tsv"));
        Npy.writeFloatMatrix(dir.resolve("probes.npy"), probes, p, DIM);
        new RowsFile(pl, pl.stream().map(l -> l + ".png").toList()).write(dir.resolve("probes.tsv"));
    }

    @Test
    void verifyWritesTheReportKeysPlotsAndHtml() throws IOException {
        for (String protocol : new String[] {"insightface", "sphereface", "facexzoo", "best-threshold"}) {
            Path out = dir.resolve("verify-" + protocol);
            Run run = run("eval", "verify", "--embeddings", dir.resolve("emb.npy").toString(), "--pairs",
                    dir.resolve("pairs.txt").toString(), "--protocol", protocol, "--out", out.toString(), "--html");
            assertEquals(0, run.exit(), run.err());
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            for (String key : new String[] {"accuracy", "accuracy_std", "auc", "eer", "tar_at_far", "protocol_parameters",
                    "inputs_sha256", "roc", "val_at_far_1e-3", "fold_threshold"}) {
                assertTrue(report.has(key), protocol + ": report.json lacks " + key);
            }
            assertTrue(report.get("accuracy").asDouble() > 0.7, protocol + " accuracy " + report.get("accuracy"));
            assertTrue(report.get("tar_at_far").has("1e-1"), "200 different pairs measure FAR 1e-1");
            assertTrue(!report.get("tar_at_far").has("1e-3"), "but not 1e-3");
            assertEquals(protocol, report.get("protocol").asText());
            assertEquals(3, report.get("inputs_sha256").size(), "embeddings, rows file, pairs");
            assertTrue(Files.size(out.resolve("roc.png")) > 1000 && Files.size(out.resolve("pair_angles.svg")) > 1000);
            assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        }
    }

    @Test
    void identifyGeometryAndCompare() throws IOException {
        Path ident = dir.resolve("identify");
        Run run = run("eval", "identify", "--gallery", dir.resolve("gallery.npy").toString(), "--probes",
                dir.resolve("probes.npy").toString(), "--out", ident.toString(), "--block", "7");
        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(ident.resolve("report.json").toFile());
        assertEquals(90, report.get("mated_probes").asInt());
        assertEquals(18, report.get("non_mated_probes").asInt());
        assertTrue(report.get("rank_1").asDouble() > 0.5);
        assertEquals(10, report.get("cmc").size());
        assertTrue(report.get("retrieval").has("mean_average_precision_at_r"));
        assertTrue(Files.exists(ident.resolve("cmc.png")));

        Path loo = dir.resolve("retrieval");
        assertEquals(0, run("eval", "identify", "--embeddings", dir.resolve("emb.npy").toString(), "--out", loo.toString()).exit());

        Path geo = dir.resolve("geometry");
        Run g = run("eval", "geometry", "--embeddings", dir.resolve("emb.npy").toString(), "--out", geo.toString(), "--html");
        assertEquals(0, g.exit(), g.err());
        JsonNode geometry = new ObjectMapper().readTree(geo.resolve("report.json").toFile());
        assertEquals(12, geometry.get("classes").asInt());
        assertTrue(geometry.get("sphereface_criterion").has("fraction_of_classes_meeting"));
        assertTrue(geometry.get("feature_norm").get("max").asDouble() > 1.5, "norms before normalisation");
        assertTrue(Files.exists(geo.resolve("sphere.png")), "3-d features drawn on the sphere");

        Run verify = run("eval", "verify", "--embeddings", dir.resolve("emb.npy").toString(), "--pairs",
                dir.resolve("pairs.txt").toString(), "--name", "other", "--out", dir.resolve("v2").toString());
        assertEquals(0, verify.exit(), verify.err());
        Path cmp = dir.resolve("compare");
        Run compare = run("eval", "compare", dir.resolve("verify-insightface").toString(), dir.resolve("v2").toString(),
                geo.toString(), "--out", cmp.toString(), "--html");
        assertEquals(0, compare.exit(), compare.err());
        assertTrue(compare.out().contains("accuracy") && compare.out().contains("other"), compare.out());
        assertTrue(Files.exists(cmp.resolve("roc.svg")));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        float[] bad = new float[4 * 3];
        java.util.Arrays.fill(bad, 1f);
        bad[2 * 3 + 1] = Float.NaN;
        Npy.writeFloatMatrix(dir.resolve("nan.npy"), bad, 4, 3);
        Files.writeString(dir.resolve("nan-pairs.txt"), "0 1 1\n2 3 0\n".repeat(10));
        assertOneLine(run("eval", "verify", "--embeddings", dir.resolve("nan.npy").toString(), "--pairs",
                dir.resolve("nan-pairs.txt").toString(), "--out", dir.resolve("x").toString()), "nan.npy: row 2 is not finite");

        float[] zero = new float[4 * 3];
        java.util.Arrays.fill(zero, 1f);
        java.util.Arrays.fill(zero, 3, 6, 0f);
        Npy.writeFloatMatrix(dir.resolve("zero.npy"), zero, 4, 3);
        assertOneLine(run("eval", "verify", "--embeddings", dir.resolve("zero.npy").toString(), "--pairs",
                dir.resolve("nan-pairs.txt").toString(), "--out", dir.resolve("x").toString()), "zero.npy: row 1 has zero norm");

        Npy.writeFloatMatrix(dir.resolve("d4.npy"), new float[CLASSES * PER_CLASS * 4], CLASSES * PER_CLASS, 4);
        assertOneLine(run("eval", "verify", "--embeddings", dir.resolve("emb.npy").toString(), "--flip-embeddings",
                dir.resolve("d4.npy").toString(), "--pairs", dir.resolve("pairs.txt").toString(), "--out",
                dir.resolve("x").toString()), "dimension mismatch");

        Files.writeString(dir.resolve("far-pairs.txt"), "0 1 1\n0 500 0\n");
        assertOneLine(run("eval", "verify", "--embeddings", dir.resolve("emb.npy").toString(), "--pairs",
                dir.resolve("far-pairs.txt").toString(), "--out", dir.resolve("x").toString()), "row 500 does not exist");

        Files.writeString(dir.resolve("broken.bin"), "not a pickle");
        assertOneLine(run("eval", "verify", "--bin", dir.resolve("broken.bin").toString(), "--model", "m", "--out",
                dir.resolve("x").toString()), "broken.bin: not a readable insightface .bin pickle");

        assertOneLine(run("eval", "verify", "--embeddings", dir.resolve("emb.npy").toString(), "--pairs",
                dir.resolve("pairs.txt").toString(), "--protocol", "lfw", "--out", dir.resolve("x").toString()), "unknown protocol 'lfw'");
        assertTrue(Files.notExists(dir.resolve("x").resolve("report.json")), "nothing half-written");
    }

    @Test
    void unequalPairCountsWarnButEvaluate() {
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            pairs.append(i).append(' ').append(i + 1).append(i % 3 == 0 ? " 0" : " 1").append('\n');
        }
        Path file = dir.resolve("unequal.txt");
        try {
            Files.writeString(file, pairs.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run run = run("eval", "verify", "--embeddings", dir.resolve("emb.npy").toString(), "--pairs", file.toString(),
                "--out", dir.resolve("unequal").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("hypersphere: warning: " + file + ": 20 same and 10 different pairs"), run.err());
    }

    private static void assertOneLine(Run run, String fragment) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("hypersphere: error: ") && run.err().contains(fragment), run.err());
    }
}
