package dev.hypersphere.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The evaluation's charts (JFreeChart): ROC with a log-FAR axis, pair-angle histograms, CMC curves. */
public final class Charts {

    /** One named curve. */
    public record Curve(String name, double[] x, double[] y) {}

    /** Colour-blind-safe palette (Okabe–Ito). */
    public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), Color.BLACK};

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private Charts() {}

    /**
     * ROC curves of one or more models: TAR against FAR on a log axis from {@code minFar} to 1. Points with FAR
     * below {@code minFar} (including FAR = 0) are left out, as a log axis cannot show them.
     */
    public static Figure roc(String title, List<Curve> curves, double minFar) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (int i = 0; i < c.x().length; i++) {
                if (c.x()[i] >= minFar) {
                    s.add(c.x()[i], c.y()[i]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "FAR (false accept rate)", "TAR (true accept rate)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis far = new LogAxis("FAR (false accept rate, log scale)");
        far.setBase(10);
        far.setRange(minFar, 1);
        far.setSmallestValue(minFar);
        far.setLabelFont(LABEL);
        plot.setDomainAxis(far);
        NumberAxis tar = (NumberAxis) plot.getRangeAxis();
        tar.setRange(0, 1.0);
        tar.setLabelFont(LABEL);
        style(chart, curves.size(), false);
        return Figure.of(chart);
    }

    /** ArcFace's figure: histograms of the angles of same (positive) and different (negative) pairs, in degrees. */
    public static Figure angleHistogram(String title, double[] positiveDeg, double[] negativeDeg, double binDeg) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(histogram("same-identity pairs (" + positiveDeg.length + ")", positiveDeg, binDeg));
        data.addSeries(histogram("different-identity pairs (" + negativeDeg.length + ")", negativeDeg, binDeg));
        JFreeChart chart = ChartFactory.createXYBarChart(title, "angle between the pair's embeddings (degrees)", false,
                "pairs per " + binDeg + "° bin", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, withAlpha(PALETTE[0], 150));
        bars.setSeriesPaint(1, withAlpha(PALETTE[1], 150));
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 180);
        style(chart, 0, true);
        return Figure.of(chart);
    }

    /** Cumulative match characteristic: identification rate against rank. */
    public static Figure cmc(String title, List<Curve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (int i = 0; i < c.x().length; i++) {
                s.add(c.x()[i], c.y()[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "rank", "identification rate (correct identity within rank)",
                data, PlotOrientation.VERTICAL, true, false, false);
        NumberAxis rate = (NumberAxis) chart.getXYPlot().getRangeAxis();
        rate.setAutoRangeIncludesZero(false);
        rate.setUpperBound(1.0);
        NumberAxis rank = (NumberAxis) chart.getXYPlot().getDomainAxis();
        rank.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        style(chart, curves.size(), false);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
        return Figure.of(chart);
    }

    private static XYSeries histogram(String name, double[] values, double bin) {
        int bins = (int) Math.ceil(180 / bin);
        long[] counts = new long[bins];
        for (double v : values) {
            counts[Math.max(0, Math.min(bins - 1, (int) Math.floor(v / bin)))]++;
        }
        XYSeries s = new XYSeries(name, false, true);
        for (int b = 0; b < bins; b++) {
            s.add(b * bin + bin / 2, counts[b]);
        }
        return s;
    }

    private static void style(JFreeChart chart, int lines, boolean bars) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        chart.getLegend().setItemFont(LABEL);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.getDomainAxis().setLabelFont(LABEL);
        plot.getRangeAxis().setLabelFont(LABEL);
        if (!bars) {
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
            for (int i = 0; i < lines; i++) {
                renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                renderer.setSeriesStroke(i, new BasicStroke(2.2f));
            }
        }
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
