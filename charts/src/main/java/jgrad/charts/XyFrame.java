package jgrad.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The frame around an x-y chart: XChart lays the chart out and draws the title, the x axis title,
 * the series and the legend; this class chooses the axis ranges and the ticks ({@link Ticks}),
 * and draws the grid lines, the tick labels and the y axis title. XChart 3.8.8 cannot be told
 * where to put ticks: it puts them at the data's x values when those are evenly spaced (epochs 1
 * to 2001 gave 0, 38, 76, ...) and writes {@code .02}; so its own tick labels, tick marks and grid
 * lines are switched off, and room is kept for ours (the left gutter through
 * {@code setYAxisLeftWidthHint}, the row under the plot through the x axis title's padding).
 * The legend goes under the plot (on the right when one row would not fit), never over the data.
 */
final class XyFrame {
    private static final Color CLEAR = new Color(0, 0, 0, 0);
    private static final Color MINOR_GRID = new Color(0xf1f1f1);
    /** Gap between the plot's edge and a tick label, in pixels. */
    private static final int TICK_GAP = 6;
    /** Gap between the y tick labels and the y axis title, in pixels. */
    private static final int TITLE_GAP = 8;

    private XyFrame() {}

    /**
     * One axis: the range it shows, its scale, and whether only whole numbers are meaningful
     * (epochs, counts), so that no tick falls between them.
     */
    record Axis(double lo, double hi, Scale scale, boolean integers) {
        Axis {
            if (!(lo < hi) || !Double.isFinite(hi - lo) || (scale == Scale.LOG && !(lo > 0))) {
                throw new IllegalArgumentException("axis range " + lo + ".." + hi + " is empty or not finite"
                        + (scale == Scale.LOG ? " or not positive" : ""));
            }
        }

        /** A linear axis over exactly {@code [lo, hi]}. */
        static Axis exact(double lo, double hi) {
            return new Axis(lo, hi, Scale.LINEAR, false);
        }

        /**
         * The range of {@code values} (finite ones; positive ones on a log axis) widened by
         * {@code margin} of its length on each side (of its log length on a log axis); a single
         * value gets a range around it.
         */
        static Axis around(double[] values, double margin, Scale scale, boolean integers) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                if (!Double.isFinite(v) || (scale == Scale.LOG && v <= 0)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (lo > hi) throw new IllegalArgumentException("no value to draw");
            if (scale == Scale.LOG) {
                double a = Math.log10(lo), b = Math.log10(hi), pad = b > a ? margin * (b - a) : 0.3;
                return new Axis(Math.pow(10, a - pad), Math.pow(10, b + pad), scale, integers);
            }
            double pad = hi > lo ? margin * (hi - lo) : integers ? 0.5 : Math.max(Math.abs(lo) * 0.1, 0.5);
            return new Axis(lo - pad, hi + pad, scale, integers);
        }

        /** True when every finite value is a whole number. */
        static boolean wholeNumbers(double[] values) {
            for (double v : values) if (Double.isFinite(v) && v != Math.rint(v)) return false;
            return true;
        }

        Ticks ticks(int maxCount) {
            return scale == Scale.LOG ? Ticks.log(lo, hi, maxCount) : Ticks.linear(lo, hi, maxCount, integers);
        }
    }

    /** What to draw under the series, on the laid-out chart (decision regions, contours). */
    @FunctionalInterface
    interface Background {
        void paint(Graphics2D g, XYChart laidOut);
    }

    /**
     * A painter that builds the chart afresh each time (title, x axis title, series, legend
     * visibility), frames it with {@code x} and {@code y}, and draws {@code background} (may be
     * null) and, when {@code gridLines}, the grid under the series.
     */
    static Chart.Painter painter(Supplier<XYChart> build, String yLabel, Axis x, Axis y, Background background,
            boolean gridLines) {
        return (g, w, h) -> {
            XYChart c = build.get();
            XYStyler s = c.getStyler();
            s.setXAxisMin(x.lo()).setXAxisMax(x.hi()).setYAxisMin(y.lo()).setYAxisMax(y.hi());
            s.setYAxisLogarithmic(y.scale() == Scale.LOG);
            s.setPlotContentSize(1.0);
            s.setPlotMargin(0);
            s.setAxisTicksVisible(false);
            s.setYAxisTitleVisible(false);
            s.setPlotGridLinesVisible(false);
            s.setXAxisTickMarkSpacingHint(16); // XChart maps nothing onto a plot narrower than this hint
            s.setYAxisTickMarkSpacingHint(16);
            FontMetrics tm = g.getFontMetrics(Style.ticks()), am = g.getFontMetrics(Style.axisTitle());
            s.setAxisTitlePadding(TICK_GAP + tm.getAscent() + tm.getDescent() + 8);
            if (s.isLegendVisible()) placeLegend(s, c, g, w);

            int titleRoom = s.getChartPadding() + (yLabel.isBlank() ? 0 : am.getAscent() + am.getDescent() + TITLE_GAP);
            s.setYAxisLeftWidthHint(titleRoom + tm.stringWidth("0.00") + TICK_GAP);
            Rectangle2D plot = layOut(c, g, w, h, x, y);
            Ticks yt = y.ticks(Math.max(2, (int) (plot.getHeight() / (y.scale() == Scale.LOG ? 34 : 48))));
            int widest = 0;
            for (String label : yt.labels()) widest = Math.max(widest, tm.stringWidth(label));
            s.setYAxisLeftWidthHint(titleRoom + widest + TICK_GAP);
            plot = layOut(c, g, w, h, x, y);
            Ticks xt = xTicks(x, plot.getWidth(), tm);

            s.setChartBackgroundColor(CLEAR);
            s.setPlotBackgroundColor(CLEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            if (background != null) background.paint(g, c);
            if (gridLines) grid(g, c, plot, xt, yt);
            c.paint(g, w, h);
            labels(g, c, plot, xt, yt, w);
            if (!yLabel.isBlank()) {
                AffineTransform saved = g.getTransform();
                g.translate(s.getChartPadding() + am.getAscent(), plot.getCenterY());
                g.rotate(-Math.PI / 2);
                Draw.centered(g, yLabel, Style.axisTitle(), 0, 0);
                g.setTransform(saved);
            }
        };
    }

    /** Lays {@code c} out on a scratch canvas and returns its plot rectangle. */
    private static Rectangle2D layOut(XYChart c, Graphics2D g, int w, int h, Axis x, Axis y) {
        Graphics2D scratch = Draw.scratch(g);
        c.paint(scratch, w, h);
        scratch.dispose();
        double left = c.getScreenXFromChart(x.lo()), right = c.getScreenXFromChart(x.hi());
        double top = c.getScreenYFromChart(y.hi()), bottom = c.getScreenYFromChart(y.lo());
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    /** The most x ticks whose widest label still leaves a gap to the next one. */
    private static Ticks xTicks(Axis x, double width, FontMetrics tm) {
        for (int n = Math.max(2, (int) (width / 55)); n > 2; n--) {
            Ticks t = x.ticks(n);
            if (t.values().length < 2) return t;
            int widest = 0;
            for (String label : t.labels()) widest = Math.max(widest, tm.stringWidth(label));
            double spacing = (t.values()[1] - t.values()[0]) / (x.hi() - x.lo()) * width;
            if (spacing >= widest + 20) return t;
        }
        return x.ticks(2);
    }

    /**
     * The legend under the plot in one row, or on the right in a column when one row would be
     * wider than the chart.
     */
    private static void placeLegend(XYStyler s, XYChart c, Graphics2D g, int w) {
        FontMetrics lm = g.getFontMetrics(s.getLegendFont());
        int row = 0;
        for (var series : c.getSeriesMap().values()) {
            if (series.isShowInLegend()) row += lm.stringWidth(series.getName()) + s.getLegendSeriesLineLength() + 3 * s.getLegendPadding();
        }
        boolean fits = row + 2 * s.getChartPadding() <= w;
        s.setLegendPosition(fits ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendLayout(fits ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
    }

    private static void grid(Graphics2D g, XYChart c, Rectangle2D plot, Ticks xt, Ticks yt) {
        Graphics2D gg = (Graphics2D) g.create();
        gg.clip(plot);
        gg.setStroke(new BasicStroke(1f));
        gg.setColor(MINOR_GRID);
        for (double v : yt.minor()) gg.draw(horizontal(plot, c.getScreenYFromChart(v)));
        gg.setColor(Style.GRID);
        for (double v : yt.values()) gg.draw(horizontal(plot, c.getScreenYFromChart(v)));
        for (double v : xt.values()) {
            double px = c.getScreenXFromChart(v);
            gg.draw(new Line2D.Double(px, plot.getMinY(), px, plot.getMaxY()));
        }
        gg.dispose();
    }

    private static Line2D horizontal(Rectangle2D plot, double y) {
        return new Line2D.Double(plot.getMinX(), y, plot.getMaxX(), y);
    }

    private static void labels(Graphics2D g, XYChart c, Rectangle2D plot, Ticks xt, Ticks yt, int w) {
        Font font = Style.ticks();
        g.setFont(font);
        g.setColor(Style.TEXT);
        FontMetrics tm = g.getFontMetrics();
        float middle = (tm.getAscent() - tm.getDescent()) / 2f;
        for (int i = 0; i < yt.values().length; i++) {
            String label = yt.labels().get(i);
            float py = (float) c.getScreenYFromChart(yt.values()[i]);
            g.drawString(label, (float) (plot.getMinX() - TICK_GAP - tm.stringWidth(label)), py + middle);
        }
        float baseline = (float) (plot.getMaxY() + TICK_GAP + tm.getAscent());
        for (int i = 0; i < xt.values().length; i++) {
            String label = xt.labels().get(i);
            double half = tm.stringWidth(label) / 2.0;
            double px = Math.clamp(c.getScreenXFromChart(xt.values()[i]), half + 2, w - half - 2);
            g.drawString(label, (float) (px - half), baseline);
        }
    }
}
