package dev.hypersphere.eval.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every plot type renders to a PNG of the asked size and a non-empty SVG of the same size, with its labels. */
class PlotTest {

    private static void assertWritten(Figure figure, Path dir, String name, String mustContain) throws IOException {
        List<Path> files = figure.write(dir, name, 800, 500);
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
        assertTrue(Files.size(files.get(0)) > 2000, "PNG has content");
        int colours = (int) java.util.stream.IntStream.range(0, 800 * 500)
                .map(i -> png.getRGB(i % 800, i / 800)).distinct().limit(50).count();
        assertTrue(colours > 5, "more than a blank image");
        String svg = Files.readString(files.get(1));
        assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), "an SVG document");
        assertTrue(svg.matches("(?s).*<svg[^>]*width=['\"]800(\\.0)?(px)?['\"][^>]*>.*") && svg.matches("(?s).*<svg[^>]*height=['\"]500(\\.0)?(px)?['\"][^>]*>.*"),
                "SVG of the asked size: " + svg.substring(0, Math.min(300, svg.length())));
        assertTrue(svg.contains(mustContain), "SVG shows '" + mustContain + "'");
    }

    @Test
    void rendersEveryPlotType(@TempDir Path dir) throws IOException {
        double[] far = {0, 1e-4, 1e-3, 1e-2, 0.1, 1};
        assertWritten(Charts.roc("ROC", List.of(new Charts.Curve("model A", far, new double[] {0.5, 0.6, 0.8, 0.9, 0.97, 1}),
                new Charts.Curve("model B", far, new double[] {0.3, 0.4, 0.6, 0.8, 0.95, 1})), 1e-4), dir, "roc", "model B");
        Random random = new Random(1);
        double[] pos = new double[500];
        double[] neg = new double[500];
        for (int i = 0; i < 500; i++) {
            pos[i] = 40 + 10 * random.nextGaussian();
            neg[i] = 85 + 8 * random.nextGaussian();
        }
        assertWritten(Charts.angleHistogram("angles", pos, neg, 2), dir, "angles", "different-identity pairs");
        assertWritten(Charts.cmc("CMC", List.of(new Charts.Curve("probes", new double[] {1, 2, 3, 4, 5},
                new double[] {0.8, 0.9, 0.93, 0.95, 0.96}))), dir, "cmc", "probes");
        float[] xy = new float[200];
        float[] xyz = new float[300];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int c = i % 4;
            double a = c * Math.PI / 2 + 0.2 * random.nextGaussian();
            xy[2 * i] = (float) Math.cos(a);
            xy[2 * i + 1] = (float) Math.sin(a);
            xyz[3 * i] = (float) Math.cos(a);
            xyz[3 * i + 1] = (float) Math.sin(a);
            xyz[3 * i + 2] = (float) (0.5 * random.nextGaussian());
            labels.add(Integer.toString(c));
        }
        assertWritten(SphereViews.circle("2-D features", xy, labels), dir, "circle", "class 3");
        assertWritten(SphereViews.sphere("3-D features", xyz, labels), dir, "sphere", "view from +x");
    }
}
