package jgrad.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts drawn on XChart's x-y plot: lines, scatter, regions, contours, histograms. */
final class XyCharts {
    private static final Color CLEAR = new Color(0, 0, 0, 0);

    private XyCharts() {}

    /** Draws on the plot area before the chart itself, given where data coordinates land. */
    @FunctionalInterface
    interface Background {
        void paint(Graphics2D g, XYChart laidOut);
    }

    static XYChart base(String title, String xLabel, String yLabel, int series) {
        XYChart c = new XYChartBuilder().width(Chart.WIDTH).height(Chart.HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Style.apply(c.getStyler(), series);
        c.getStyler().setMarkerSize(7);
        return c;
    }

    /** A painter that builds the chart afresh each time and puts {@code background} under its plot. */
    static Chart.Painter painter(Supplier<XYChart> build, Background background) {
        return (g, w, h) -> {
            XYChart c = build.get();
            if (background != null) {
                Graphics2D scratch = Draw.scratch(g);
                c.paint(scratch, w, h); // lays the chart out, so data coordinates map to the screen
                scratch.dispose();
                c.getStyler().setChartBackgroundColor(CLEAR);
                c.getStyler().setPlotBackgroundColor(CLEAR);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
                background.paint(g, c);
            }
            c.paint(g, w, h);
        };
    }

    static Chart line(String title, String xLabel, String yLabel, List<Series> series) {
        List<Series> shown = series.stream().filter(s -> !s.empty()).toList();
        if (shown.isEmpty()) throw new IllegalArgumentException("Charts.line " + title + ": no series with a finite value");
        return new Chart(Chart.WIDTH, Chart.HEIGHT, painter(() -> {
            XYChart c = base(title, xLabel, yLabel, shown.size());
            c.getStyler().setLegendPosition(legendCorner(shown));
            for (Series s : shown) {
                XYSeries xy = c.addSeries(s.name(), s.x(), s.y());
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                xy.setLineWidth(2.2f);
                xy.setMarker(s.x().length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            return c;
        }, null));
    }

    static Chart curveFit(String title, String xLabel, String yLabel, Series target, Series fit) {
        return new Chart(Chart.WIDTH, Chart.HEIGHT, painter(() -> {
            XYChart c = base(title, xLabel, yLabel, 2);
            XYSeries t = c.addSeries(target.name(), target.x(), target.y());
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineStyle(SeriesLines.DASH_DASH);
            t.setLineColor(new Color(0x555555));
            t.setLineWidth(2f);
            XYSeries f = c.addSeries(fit.name(), fit.x(), fit.y());
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setLineColor(Style.color(1));
            f.setMarkerColor(Style.color(1));
            f.setMarker(fit.x().length <= 80 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            f.setLineWidth(2.2f);
            return c;
        }, null));
    }

    static Chart scatter(String title, String xLabel, String yLabel, Points points, List<String> classNames,
            Grid grid, int[] regions) {
        int classes = Math.max(classNames.size(), 1 + max(points.labels(), regions));
        return new Chart(Chart.WIDTH, Chart.HEIGHT, painter(() -> {
            XYChart c = base(title, xLabel, yLabel, 2);
            c.getStyler().setMarkerSize(8);
            for (int k = 0; k < classes; k++) {
                int n = 0;
                for (int label : points.labels()) if (label == k) n++;
                if (n == 0) continue;
                double[] x = new double[n], y = new double[n];
                for (int i = 0, j = 0; i < points.size(); i++) {
                    if (points.labels()[i] == k) {
                        x[j] = points.x()[i];
                        y[j++] = points.y()[i];
                    }
                }
                XYSeries s = c.addSeries(k < classNames.size() ? classNames.get(k) : "class " + k, x, y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(Style.color(k).darker());
            }
            c.getStyler().setLegendVisible(c.getSeriesMap().size() > 1);
            if (grid != null) {
                c.getStyler().setXAxisMin(grid.xMin()).setXAxisMax(grid.xMax());
                c.getStyler().setYAxisMin(grid.yMin()).setYAxisMax(grid.yMax());
                c.getStyler().setPlotContentSize(1.0);
                c.getStyler().setPlotGridLinesVisible(false);
            }
            return c;
        }, grid == null ? null : (g, c) -> {
            var img = new BufferedImage(grid.columns(), grid.rows(), BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < grid.rows(); r++) {
                for (int col = 0; col < grid.columns(); col++) {
                    int k = regions[r * grid.columns() + col];
                    img.setRGB(col, grid.rows() - 1 - r, Style.tint(Style.color(k), 0.62).getRGB());
                }
            }
            drawOnPlot(g, c, grid, img, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        }));
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
        return new Chart(Chart.WIDTH, Chart.HEIGHT, painter(() -> {
            XYChart c = base(title, xLabel, yLabel, 1);
            XYSeries s = c.addSeries(path.name(), path.x(), path.y());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(Style.color(2));
            s.setMarkerColor(Style.color(2));
            s.setLineWidth(1.6f);
            c.getStyler().setMarkerSize(5);
            c.getStyler().setXAxisMin(grid.xMin()).setXAxisMax(grid.xMax());
            c.getStyler().setYAxisMin(grid.yMin()).setYAxisMax(grid.yMax());
            c.getStyler().setPlotContentSize(1.0);
            c.getStyler().setPlotGridLinesVisible(false);
            return c;
        }, (g, c) -> {
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
        }));
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
        return new Chart(330, 300, painter(() -> {
            XYChart c = base(v.name(), xLabel, "count", 1);
            c.getStyler().setChartTitleFont(Style.panelTitle());
            XYSeries s = c.addSeries(v.name(), edges, counts);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(Style.tint(Style.color(colour), 0.25));
            s.setLineColor(Style.color(colour));
            c.getStyler().setXAxisMin(lo).setXAxisMax(hi);
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setPlotContentSize(1.0);
            return c;
        }, null));
    }

    /**
     * Top right unless the lines end high there (accuracy rising): then bottom right. Looks at the
     * right third of the x range and counts points in the upper and lower halves of the y range.
     */
    static Styler.LegendPosition legendCorner(List<Series> series) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) continue;
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]);
                y1 = Math.max(y1, s.y()[i]);
            }
        }
        int high = 0, low = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || s.x()[i] < x1 - (x1 - x0) / 3) continue;
                if (s.y()[i] > y0 + 0.55 * (y1 - y0)) high++;
                else low++;
            }
        }
        return high > low ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE;
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
