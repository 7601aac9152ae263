package jgrad.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts drawn on XChart's x-y plot: lines, scatter, regions, contours, histograms. */
final class XyCharts {
    private XyCharts() {}

    static XYChart base(String title, String xLabel, String yLabel, int series) {
        XYChart c = new XYChartBuilder().width(Chart.WIDTH).height(Chart.HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Style.apply(c.getStyler(), series);
        c.getStyler().setMarkerSize(7);
        return c;
    }

    static Chart line(String title, String xLabel, String yLabel, List<Series> series, Scale scale) {
        List<Series> shown = series.stream().filter(s -> !s.empty()).map(XyCharts::finite).toList();
        if (shown.isEmpty()) throw new IllegalArgumentException("Charts.line " + title + ": no series with a finite value");
        List<Series> lines = scale == Scale.LOG ? positive(title, shown) : shown;
        // one line needs no legend, unless the legend says that values were left out
        boolean legend = lines.size() > 1 || !lines.getFirst().name().equals(shown.getFirst().name());
        XyFrame.Axis x = XyFrame.Axis.around(xs(lines), 0.02, Scale.LINEAR, XyFrame.Axis.wholeNumbers(xs(lines)));
        XyFrame.Axis y = XyFrame.Axis.around(ys(lines), 0.05, scale, false);
        return new Chart(Chart.WIDTH, Chart.HEIGHT, XyFrame.painter(() -> {
            XYChart c = base(title, xLabel, yLabel, lines.size());
            c.getStyler().setLegendVisible(legend);
            for (Series s : lines) {
                XYSeries xy = c.addSeries(s.name(), s.x(), s.y());
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                xy.setLineWidth(2.2f);
                xy.setMarker(s.x().length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            return c;
        }, yLabel, x, y, null, true));
    }

    static Chart curveFit(String title, String xLabel, String yLabel, Series target, Series fit) {
        List<Series> both = List.of(finite(target), finite(fit));
        XyFrame.Axis x = XyFrame.Axis.around(xs(both), 0.02, Scale.LINEAR, false);
        XyFrame.Axis y = XyFrame.Axis.around(ys(both), 0.05, Scale.LINEAR, false);
        return new Chart(Chart.WIDTH, Chart.HEIGHT, XyFrame.painter(() -> {
            XYChart c = base(title, xLabel, yLabel, 2);
            XYSeries t = c.addSeries(target.name(), both.get(0).x(), both.get(0).y());
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineStyle(SeriesLines.DASH_DASH);
            t.setLineColor(new Color(0x555555));
            t.setLineWidth(2f);
            XYSeries f = c.addSeries(fit.name(), both.get(1).x(), both.get(1).y());
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setLineColor(Style.color(1));
            f.setMarkerColor(Style.color(1));
            f.setMarker(fit.x().length <= 80 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            f.setLineWidth(2.2f);
            return c;
        }, yLabel, x, y, null, true));
    }

    static Chart scatter(String title, String xLabel, String yLabel, Points points, List<String> classNames,
            Grid grid, int[] regions) {
        int classes = Math.max(classNames.size(), 1 + max(points.labels(), regions));
        XyFrame.Axis x = grid != null ? XyFrame.Axis.exact(grid.xMin(), grid.xMax())
                : XyFrame.Axis.around(points.x(), 0.05, Scale.LINEAR, false);
        XyFrame.Axis y = grid != null ? XyFrame.Axis.exact(grid.yMin(), grid.yMax())
                : XyFrame.Axis.around(points.y(), 0.05, Scale.LINEAR, false);
        return new Chart(Chart.WIDTH, Chart.HEIGHT, XyFrame.painter(() -> {
            XYChart c = base(title, xLabel, yLabel, 2);
            c.getStyler().setMarkerSize(8);
            for (int k = 0; k < classes; k++) {
                int n = 0;
                for (int label : points.labels()) if (label == k) n++;
                if (n == 0) continue;
                double[] px = new double[n], py = new double[n];
                for (int i = 0, j = 0; i < points.size(); i++) {
                    if (points.labels()[i] == k) {
                        px[j] = points.x()[i];
                        py[j++] = points.y()[i];
                    }
                }
                XYSeries s = c.addSeries(k < classNames.size() ? classNames.get(k) : "class " + k, px, py);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(Style.color(k).darker());
            }
            c.getStyler().setLegendVisible(c.getSeriesMap().size() > 1);
            return c;
        }, yLabel, x, y, grid == null ? null : (g, c) -> {
            var img = new BufferedImage(grid.columns(), grid.rows(), BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < grid.rows(); r++) {
                for (int col = 0; col < grid.columns(); col++) {
                    int k = regions[r * grid.columns() + col];
                    img.setRGB(col, grid.rows() - 1 - r, Style.tint(Style.color(k), 0.62).getRGB());
                }
            }
            drawOnPlot(g, c, grid, img, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        }, grid == null));
    }

    /** Room around the plot of an x-y chart without a legend, in pixels (title and x axis below, y axis left). */
    private static final int FRAME_WIDTH = 78;
    private static final int FRAME_HEIGHT = 100;

    /**
     * A contour chart {@code height} pixels high (taller when the title needs more width), as wide
     * as makes one unit of x as long as one unit of y, so that circles stay round and a gradient
     * path crosses the contour lines at right angles.
     */
    static Chart contourPath(String title, String xLabel, String yLabel, Grid grid, double[] f, Series path, int height) {
        double ratio = (grid.yMax() - grid.yMin()) / (grid.xMax() - grid.xMin());
        Graphics2D measure = Draw.measure();
        int titleWidth = measure.getFontMetrics(Style.title()).stringWidth(title);
        measure.dispose();
        double plotHeight = height - FRAME_HEIGHT, plotWidth = plotHeight / ratio;
        if (plotWidth < titleWidth + 16) { // XChart centres the title over the plot
            plotWidth = titleWidth + 16;
            plotHeight = plotWidth * ratio;
        }
        int w = (int) Math.round(Math.clamp(plotWidth + FRAME_WIDTH, 240, 2000));
        int h = (int) Math.round(Math.clamp(plotHeight + FRAME_HEIGHT, 200, 2000));
        return contourPath(title, xLabel, yLabel, grid, f, path).withSize(w, h);
    }

    static Chart contourPath(String title, String xLabel, String yLabel, Grid grid, double[] f, Series path) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double[] levels = new double[12];
        for (int k = 0; k < levels.length; k++) {
            double t = (k + 1.0) / (levels.length + 1); // denser near the minimum, where paths end
            levels[k] = lo + (hi - lo) * t * t;
        }
        return new Chart(Chart.WIDTH, Chart.HEIGHT, XyFrame.painter(() -> {
            XYChart c = base(title, xLabel, yLabel, 1);
            XYSeries s = c.addSeries(path.name(), path.x(), path.y());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(Style.color(2));
            s.setMarkerColor(Style.color(2));
            s.setLineWidth(1.6f);
            c.getStyler().setMarkerSize(5);
            return c;
        }, yLabel, XyFrame.Axis.exact(grid.xMin(), grid.xMax()), XyFrame.Axis.exact(grid.yMin(), grid.yMax()), (g, c) -> {
            var img = new BufferedImage(grid.columns(), grid.rows(), BufferedImage.TYPE_INT_RGB);
            Color low = new Color(0x9ecae1), high = new Color(0xf7fbff);
            for (int r = 0; r < grid.rows(); r++) {
                for (int col = 0; col < grid.columns(); col++) {
                    double v = f[r * grid.columns() + col];
                    int band = 0;
                    while (band < levels.length && v > levels[band]) band++;
                    double t = (double) band / levels.length;
                    img.setRGB(col, grid.rows() - 1 - r, new Color(Style.mix(low.getRed(), high.getRed(), t),
                            Style.mix(low.getGreen(), high.getGreen(), t), Style.mix(low.getBlue(), high.getBlue(), t)).getRGB());
                }
            }
            drawOnPlot(g, c, grid, img, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(new Color(0x6b8fb3));
            g.setStroke(new BasicStroke(1f));
            for (double level : levels) g.draw(Contours.path(c, grid, f, level));
        }, false));
    }

    static Chart histogram(Values v, String xLabel, int bins, double lo, double hi, int colour) {
        double[] edges = new double[bins + 1];
        double[] counts = new double[bins + 1];
        for (int b = 0; b <= bins; b++) edges[b] = lo + (hi - lo) * b / bins;
        for (double x : v.values()) {
            if (!Double.isFinite(x) || x < lo || x > hi) continue;
            int b = (int) Math.min(bins - 1, Math.floor((x - lo) / (hi - lo) * bins));
            counts[b]++;
        }
        counts[bins] = counts[bins - 1]; // the step's last edge
        double most = Arrays.stream(counts).max().orElse(0);
        return new Chart(330, 300, XyFrame.painter(() -> {
            XYChart c = base(v.name(), xLabel, "count", 1);
            c.getStyler().setChartTitleFont(Style.panelTitle());
            XYSeries s = c.addSeries(v.name(), edges, counts);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(Style.tint(Style.color(colour), 0.25));
            s.setLineColor(Style.color(colour));
            return c;
        }, "count", XyFrame.Axis.exact(lo, hi), new XyFrame.Axis(0, Math.max(1, most * 1.06), Scale.LINEAR, true), null,
                true));
    }

    /** The series with infinite values as gaps (NaN), as XChart cannot draw them. */
    private static Series finite(Series s) {
        double[] y = s.y().clone();
        boolean changed = false;
        for (int i = 0; i < y.length; i++) {
            if (Double.isInfinite(y[i])) {
                y[i] = Double.NaN;
                changed = true;
            }
        }
        return changed ? new Series(s.name(), s.x(), y) : s;
    }

    /**
     * For a log axis: each series with its zero and negative values left out as gaps, its legend
     * name saying how many.
     *
     * @throws IllegalArgumentException if no series has a positive value
     */
    static List<Series> positive(String title, List<Series> series) {
        List<Series> out = new ArrayList<>();
        for (Series s : series) {
            double[] y = s.y().clone();
            int dropped = 0, kept = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] <= 0) {
                    y[i] = Double.NaN;
                    dropped++;
                } else if (y[i] > 0) {
                    kept++;
                }
            }
            if (kept == 0 && dropped == 0) continue;
            out.add(dropped == 0 ? s : new Series(s.name() + " (" + dropped + (dropped == 1 ? " value" : " values")
                    + " ≤ 0 not drawn)", s.x(), y));
        }
        if (out.stream().allMatch(Series::empty)) {
            throw new IllegalArgumentException("Charts.line " + title + ": a log y axis draws positive values only,"
                    + " and no series has one; use Scale.LINEAR");
        }
        return out;
    }

    private static double[] xs(List<Series> series) {
        return series.stream().flatMapToDouble(s -> {
            double[] x = s.x().clone();
            for (int i = 0; i < x.length; i++) if (!Double.isFinite(s.y()[i])) x[i] = Double.NaN;
            return Arrays.stream(x);
        }).toArray();
    }

    private static double[] ys(List<Series> series) {
        return series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).toArray();
    }

    /** Draws {@code img}, whose pixels are the grid's cells, over the grid's rectangle on the plot. */
    private static void drawOnPlot(Graphics2D g, XYChart c, Grid grid, BufferedImage img, Object interpolation) {
        int x0 = (int) Math.round(c.getScreenXFromChart(grid.xMin()));
        int x1 = (int) Math.round(c.getScreenXFromChart(grid.xMax()));
        int y0 = (int) Math.round(c.getScreenYFromChart(grid.yMax()));
        int y1 = (int) Math.round(c.getScreenYFromChart(grid.yMin()));
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        g.drawImage(img, x0, y0, x1 - x0, y1 - y0, null);
    }

    private static int max(int[] a, int[] b) {
        int m = -1;
        for (int v : a) m = Math.max(m, v);
        if (b != null) for (int v : b) m = Math.max(m, v);
        return m;
    }

    /** Iso-lines by marching squares over the grid's cell centres. */
    static final class Contours {
        private Contours() {}

        /** The iso-line {@code f = level} in screen coordinates, as one path (one SVG element). */
        static Path2D path(XYChart c, Grid grid, double[] f, double level) {
            var path = new Path2D.Double();
            int cols = grid.columns();
            for (int r = 0; r + 1 < grid.rows(); r++) {
                for (int col = 0; col + 1 < cols; col++) {
                    double a = f[r * cols + col], b = f[r * cols + col + 1];
                    double d = f[(r + 1) * cols + col], e = f[(r + 1) * cols + col + 1];
                    double[] px = new double[4], py = new double[4];
                    int n = 0;
                    // edges: bottom (a-b), right (b-e), top (d-e), left (a-d)
                    if ((a > level) != (b > level)) {
                        px[n] = grid.x(col) + t(a, b, level) * (grid.x(col + 1) - grid.x(col));
                        py[n++] = grid.y(r);
                    }
                    if ((b > level) != (e > level)) {
                        px[n] = grid.x(col + 1);
                        py[n++] = grid.y(r) + t(b, e, level) * (grid.y(r + 1) - grid.y(r));
                    }
                    if ((d > level) != (e > level)) {
                        px[n] = grid.x(col) + t(d, e, level) * (grid.x(col + 1) - grid.x(col));
                        py[n++] = grid.y(r + 1);
                    }
                    if ((a > level) != (d > level)) {
                        px[n] = grid.x(col);
                        py[n++] = grid.y(r) + t(a, d, level) * (grid.y(r + 1) - grid.y(r));
                    }
                    for (int k = 0; k + 1 < n; k += 2) {
                        path.moveTo(c.getScreenXFromChart(px[k]), c.getScreenYFromChart(py[k]));
                        path.lineTo(c.getScreenXFromChart(px[k + 1]), c.getScreenYFromChart(py[k + 1]));
                    }
                }
            }
            return path;
        }

        private static double t(double from, double to, double level) {
            return (level - from) / (to - from);
        }
    }
}
