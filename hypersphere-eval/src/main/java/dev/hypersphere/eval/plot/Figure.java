package dev.hypersphere.eval.plot;

import dev.hypersphere.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A picture that draws itself on any Graphics2D, so the same code gives the PNG (a BufferedImage) and the SVG
 * (JFreeSVG's SVGGraphics2D). Files are written atomically as {@code NAME.png} and {@code NAME.svg}.
 */
@FunctionalInterface
public interface Figure {

    int DEFAULT_WIDTH = 900;
    int DEFAULT_HEIGHT = 600;

    void draw(Graphics2D g, int width, int height);

    static Figure of(JFreeChart chart) {
        return (g, w, h) -> chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
    }

    /** The SVG document text. */
    default String svg(int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        draw(g, width, height);
        return g.getSVGDocument();
    }

    /** The PNG image. */
    default BufferedImage png(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        draw(g, width, height);
        g.dispose();
        return image;
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns the two paths. */
    default List<Path> write(Path dir, String name, int width, int height) throws IOException {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        BufferedImage image = png(width, height);
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
        AtomicFiles.write(svg, out -> out.write(svg(width, height).getBytes(StandardCharsets.UTF_8)));
        return List.of(png, svg);
    }
}
