package dev.hypersphere.experiment.alignuniform;

import dev.hypersphere.eval.plot.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The paper's scatter of encoders (its Figure 5 style): uniformity on x, alignment on y, each point coloured by its
 * linear-probe accuracy (viridis, with a colour bar) and labelled with its name. Lower left is better on both.
 */
final class AlignUniformScatter {

    /** One encoder's point. */
    record Point(String name, double uniformity, double alignment, double accuracy) {}

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private AlignUniformScatter() {}

    static Figure figure(String title, List<Point> points) {
        double[][] xyz = new double[3][points.size()];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            xyz[0][i] = p.uniformity();
            xyz[1][i] = p.alignment();
            xyz[2][i] = p.accuracy();
            low = Math.min(low, p.accuracy());
            high = Math.max(high, p.accuracy());
        }
        if (!(high > low)) {
            high = low + 0.01;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("encoders", xyz);
        Viridis scale = new Viridis(low, high);
        XYShapeRenderer renderer = new XYShapeRenderer();
        renderer.setPaintScale(scale);
        renderer.setDefaultShape(new Ellipse2D.Double(-7, -7, 14, 14));
        renderer.setDrawOutlines(true);
        renderer.setDefaultOutlinePaint(Color.DARK_GRAY);
        renderer.setDefaultOutlineStroke(new BasicStroke(1f));
        renderer.setUseOutlinePaint(true);
        NumberAxis x = new NumberAxis("uniformity  log E exp(−2‖f(x) − f(y)‖²)  (lower = more uniform)");
        NumberAxis y = new NumberAxis("alignment  E‖f(x) − f(x⁺)‖²  (lower = better aligned)");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        x.setUpperMargin(0.15);   // room for the names written right of the points
        y.setUpperMargin(0.08);
        y.setLowerMargin(0.08);
        x.setLabelFont(LABEL);
        y.setLabelFont(LABEL);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        double xSpan = spread(xyz[0]);
        double ySpan = spread(xyz[1]);
        for (Point p : points) {
            // A name goes right of its point, unless another point sits just right of it at about the same height.
            boolean crowded = points.stream().anyMatch(q -> q != p && q.uniformity() >= p.uniformity()
                    && q.uniformity() - p.uniformity() < 0.2 * xSpan && Math.abs(q.alignment() - p.alignment()) < 0.04 * ySpan);
            XYTextAnnotation label = new XYTextAnnotation(crowded ? p.name() + "  " : "  " + p.name(), p.uniformity(),
                    p.alignment());
            label.setFont(SMALL);
            label.setTextAnchor(crowded ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis accuracyAxis = new NumberAxis("linear-probe accuracy");
        accuracyAxis.setRange(low, high);
        accuracyAxis.setTickUnit(new NumberTickUnit(niceStep((high - low) / 6)));
        accuracyAxis.setLabelFont(LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(scale, accuracyAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(16);
        legend.setMargin(4, 4, 40, 4);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return Figure.of(chart);
    }

    private static double spread(double[] values) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return high > low ? high - low : 1;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The viridis colour map between {@code low} and {@code high}, from nine of its stops. */
    record Viridis(double low, double high) implements PaintScale {
        private static final int[][] STOPS = {{68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141},
            {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}};

        @Override
        public double getLowerBound() {
            return low;
        }

        @Override
        public double getUpperBound() {
            return high;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, (value - low) / (high - low)));
            double position = t * (STOPS.length - 1);
            int i = Math.min(STOPS.length - 2, (int) Math.floor(position));
            double f = position - i;
            int[] a = STOPS[i];
            int[] b = STOPS[i + 1];
            return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                    (int) Math.round(a[2] + f * (b[2] - a[2])));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "viridis[%.4f, %.4f]", low, high);
        }
    }
}
