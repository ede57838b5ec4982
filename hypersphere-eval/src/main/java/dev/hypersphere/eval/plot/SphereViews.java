package dev.hypersphere.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features on the circle (2-D) and on the sphere (3-D), as in SphereFace's MNIST figure: each feature is drawn at
 * its direction (L2-normalised), coloured by class. The sphere is shown in orthographic views from +z, +x and +y;
 * points on the far hemisphere of a view are drawn faded.
 */
public final class SphereViews {

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    private SphereViews() {}

    /** 2-D features (row-major pairs) on the unit circle; the class centres as spokes. */
    public static Figure circle(String title, float[] xy, List<String> labels) {
        Map<String, Integer> colour = colours(labels);
        return (g, w, h) -> {
            header(g, title, w);
            int legendWidth = 170;
            double size = Math.min(w - legendWidth - 40, h - 80);
            double cx = 20 + size / 2;
            double cy = 50 + size / 2;
            double r = size / 2 - 10;
            g.setColor(new Color(200, 200, 200));
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
            Map<String, double[]> centre = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                double x = xy[2 * i];
                double y = xy[2 * i + 1];
                double n = Math.hypot(x, y);
                if (n == 0) {
                    continue;
                }
                double[] c = centre.computeIfAbsent(labels.get(i), l -> new double[2]);
                c[0] += x / n;
                c[1] += y / n;
                g.setColor(Charts.withAlpha(Charts.PALETTE[colour.get(labels.get(i)) % Charts.PALETTE.length], 140));
                g.fill(new Ellipse2D.Double(cx + r * x / n - 3, cy - r * y / n - 3, 6, 6));
            }
            g.setStroke(new BasicStroke(2f));
            for (Map.Entry<String, double[]> e : centre.entrySet()) {
                double n = Math.hypot(e.getValue()[0], e.getValue()[1]);
                if (n == 0) {
                    continue;
                }
                g.setColor(Charts.PALETTE[colour.get(e.getKey()) % Charts.PALETTE.length]);
                g.draw(new Line2D.Double(cx, cy, cx + 0.8 * r * e.getValue()[0] / n, cy - 0.8 * r * e.getValue()[1] / n));
            }
            legend(g, colour, (int) (cx + r + 40), 70);
        };
    }

    /** 3-D features (row-major triples) on the sphere, three orthographic views. */
    public static Figure sphere(String title, float[] xyz, List<String> labels) {
        Map<String, Integer> colour = colours(labels);
        String[] names = {"view from +z (x right, y up)", "view from +x (y right, z up)", "view from +y (z right, x up)"};
        int[][] axes = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}};   // right, up, towards the viewer
        return (g, w, h) -> {
            header(g, title, w);
            int legendWidth = 160;
            double panel = Math.min((w - legendWidth - 40) / 3.0, h - 100);
            double r = panel / 2 - 14;
            for (int v = 0; v < 3; v++) {
                double cx = 20 + panel * v + panel / 2;
                double cy = 60 + panel / 2;
                g.setColor(new Color(200, 200, 200));
                g.setStroke(new BasicStroke(1.5f));
                g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                g.setFont(LABEL);
                g.setColor(Color.DARK_GRAY);
                g.drawString(names[v], (float) (cx - r), (float) (cy + r + 22));
                // Far side first, so the near side is drawn on top.
                for (int pass = 0; pass < 2; pass++) {
                    for (int i = 0; i < labels.size(); i++) {
                        double n = Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]);
                        if (n == 0) {
                            continue;
                        }
                        double right = xyz[3 * i + axes[v][0]] / n;
                        double up = xyz[3 * i + axes[v][1]] / n;
                        boolean near = xyz[3 * i + axes[v][2]] >= 0;
                        if (near != (pass == 1)) {
                            continue;
                        }
                        Color c = Charts.PALETTE[colour.get(labels.get(i)) % Charts.PALETTE.length];
                        g.setColor(Charts.withAlpha(c, near ? 170 : 40));
                        g.fill(new Ellipse2D.Double(cx + r * right - 2.5, cy - r * up - 2.5, 5, 5));
                    }
                }
            }
            legend(g, colour, (int) (20 + 3 * panel + 10), 70);
        };
    }

    private static Map<String, Integer> colours(List<String> labels) {
        Map<String, Integer> colour = new LinkedHashMap<>();
        for (String label : labels) {
            colour.computeIfAbsent(label, l -> colour.size());
        }
        return colour;
    }

    private static void header(Graphics2D g, String title, int w) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, 10_000);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, 20, 28);
    }

    private static void legend(Graphics2D g, Map<String, Integer> colour, int x, int y) {
        g.setFont(LABEL);
        List<String> names = new ArrayList<>(colour.keySet());
        int shown = Math.min(names.size(), 24);
        for (int i = 0; i < shown; i++) {
            g.setColor(Charts.PALETTE[colour.get(names.get(i)) % Charts.PALETTE.length]);
            g.fill(new Ellipse2D.Double(x, y + 20 * i - 9, 10, 10));
            g.setColor(Color.BLACK);
            g.drawString("class " + names.get(i), x + 16, y + 20 * i);
        }
        if (names.size() > shown) {
            g.drawString("… " + (names.size() - shown) + " more", x + 16, y + 20 * shown);
        }
    }
}
