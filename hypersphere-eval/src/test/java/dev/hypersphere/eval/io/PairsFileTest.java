package dev.hypersphere.eval.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hypersphere.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairsFileTest {

    /** Every image named by an LFW-format text, as paths of a rows file (LFW naming or ORL naming). */
    private static RowsFile rowsFor(String text, boolean lfwNames) {
        Set<String> seen = new HashSet<>();
        List<String> paths = new ArrayList<>();
        for (String line : text.lines().skip(1).toList()) {
            String[] t = line.strip().split("\\s+");
            String[][] images = t.length == 3 ? new String[][] {{t[0], t[1]}, {t[0], t[2]}} : new String[][] {{t[0], t[1]}, {t[2], t[3]}};
            for (String[] image : images) {
                String path = lfwNames
                        ? String.format(Locale.ROOT, "lfw/%s/%s_%04d.jpg", image[0], image[0], Integer.parseInt(image[1]))
                        : "orl/" + image[0] + "/" + image[1] + ".pgm";
                if (seen.add(path)) {
                    paths.add(path);
                }
            }
        }
        return new RowsFile(paths.stream().map(p -> p.split("/")[1]).toList(), paths);
    }

    @Test
    void parsesLfwPairsTxt() throws IOException {
        Optional<Path> lfw = SharedData.resolve("lfw/pairs.txt");
        assumeTrue(lfw.isPresent(), SharedData.missing("lfw/pairs.txt"));
        String text = Files.readString(lfw.get());
        RowsFile rows = rowsFor(text, true);
        PairList pairs = PairsFile.read(lfw.get().toString(), rows, rows.size());
        assertEquals(6000, pairs.size());
        assertEquals(3000, pairs.sameCount());
        assertEquals(10, dev.hypersphere.eval.verify.Folds.count(pairs.fold()));
        assertTrue(pairs.warnings().isEmpty(), pairs.warnings().toString());
        // Line 2 of LFW's file is "Abel_Pacheco 1 4", a same pair of fold 0.
        assertEquals("lfw/Abel_Pacheco/Abel_Pacheco_0001.jpg", rows.paths().get(pairs.left()[0]));
        assertEquals("lfw/Abel_Pacheco/Abel_Pacheco_0004.jpg", rows.paths().get(pairs.right()[0]));
        for (int p = 0; p < 6000; p++) {
            assertEquals(p / 600, pairs.fold()[p]);
            assertEquals(p % 600 < 300, pairs.same()[p], "pair " + p);
        }
    }

    @Test
    void theShippedOrlProtocolHasDisjointIdentitiesPerFold() throws IOException {
        String text;
        try (var in = PairsFile.class.getResourceAsStream("/dev/hypersphere/eval/protocols/orl_pairs.txt")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        RowsFile rows = rowsFor(text, false);
        PairList pairs = PairsFile.read(PairsFile.BUILTIN_ORL, rows, rows.size());
        assertEquals(3600, pairs.size());
        assertEquals(1800, pairs.sameCount());
        assertTrue(pairs.warnings().isEmpty(), pairs.warnings().toString());
        List<Set<String>> people = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            people.add(new HashSet<>());
        }
        for (int p = 0; p < pairs.size(); p++) {
            people.get(pairs.fold()[p]).add(rows.labels().get(pairs.left()[p]));
            people.get(pairs.fold()[p]).add(rows.labels().get(pairs.right()[p]));
        }
        Set<String> all = new HashSet<>();
        for (Set<String> fold : people) {
            assertEquals(4, fold.size(), "4 identities per fold");
            all.addAll(fold);
        }
        assertEquals(40, all.size(), "no identity in two folds");
        // And it maps onto the real ORL folder layout, where that is present.
        Optional<Path> orl = SharedData.resolve("orl/s1/3.pgm");
        orl.ifPresent(p -> assertTrue(rows.paths().contains("orl/s1/3.pgm")));
    }

    @Test
    void plainPairsWithAndWithoutFolds() {
        PairList plain = PairsFile.parse("pairs.txt", "# i j same\n0 1 1\n2 3 0\n" + "4 5 1\n6 7 0\n".repeat(9), null, 8);
        assertEquals(20, plain.size());
        assertEquals(10, dev.hypersphere.eval.verify.Folds.count(plain.fold()));
        assertTrue(plain.warnings().isEmpty());
        PairList folded = PairsFile.parse("pairs.txt", "0 1 true 0\n1 2 false 0\n2 3 1 1\n3 0 0 1\n", null, 4);
        assertEquals(1, folded.fold()[2]);
    }

    @Test
    void unequalCountsWarnButAreEvaluated() {
        PairList pairs = PairsFile.parse("p.txt", "0 1 1\n1 2 1\n2 3 0\n3 4 1\n4 5 0\n5 6 1\n6 7 0\n7 8 1\n8 9 0\n9 0 1\n", null, 10);
        assertEquals(10, pairs.size());
        assertEquals(List.of("p.txt: 6 same and 4 different pairs (unequal counts; evaluated anyway, accuracy then depends on the mix)"),
                pairs.warnings());
    }

    @Test
    void missingNamesAndRowsAreOneLineErrors() {
        RowsFile rows = new RowsFile(List.of("a", "a"), List.of("x/Ann/Ann_0001.jpg", "x/Ann/Ann_0002.jpg"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PairsFile.parse("pairs.txt", "1\t1\nAnn\t1\t2\nAnn\t1\tBob\t1\n", rows, 2));
        assertEquals("pairs.txt line 3: no embedding row for 'Bob 1' (looked for a path ending in Bob/Bob_0001.* or Bob/1.*)",
                missing.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> PairsFile.parse("pairs.txt", "0 1 1\n0 7 0\n", null, 5));
        assertEquals("pairs.txt line 2: row 7 does not exist (the embeddings have rows 0..4)", row.getMessage());
        IllegalArgumentException noRows = assertThrows(IllegalArgumentException.class,
                () -> PairsFile.parse("pairs.txt", "10\t300\nAnn\t1\t2\n", null, 5));
        assertTrue(noRows.getMessage().startsWith("pairs.txt names images (LFW format): give the rows file"));
    }

    @Test
    void rowKeysAreFolderAndStem() {
        assertEquals("Abel_Pacheco/Abel_Pacheco_0001", PairsFile.key("/data/lfw-112x112/Abel_Pacheco/Abel_Pacheco_0001.png"));
        assertEquals("s1/3", PairsFile.key("orl/s1/3.pgm"));
        assertEquals("/file", PairsFile.key("file.jpg"));
    }
}
