package jgrad.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/** A matrix of numbers as coloured cells with the numbers written in them (a confusion matrix). */
final class HeatMap {
    private static final Color LOW = new Color(0xf7fbff);
    private static final Color HIGH = new Color(0x08306b);
    /** Room at the picture's edges, in pixels. */
    private static final int PAD = 14;
    /** Gap between the cells and their names, and between names and axis titles, in pixels. */
    private static final int GAP = 8;
    /** Gap between the cells and the colour bar, in pixels. */
    private static final int BAR_GAP = 24;

    private HeatMap() {}

    static Chart of(String title, String xLabel, String yLabel, double[][] values, List<String> columns,
            List<String> rows, String valueLabel) {
        int nr = values.length, nc = nr == 0 ? 0 : values[0].length;
        if (nr == 0 || nc == 0 || rows.size() != nr || columns.size() != nc) {
            throw new IllegalArgumentException("Charts.heatMap " + title + ": " + nr + " x " + nc + " values need as many"
                    + " row and column names, got " + rows.size() + " and " + columns.size());
        }
        double max = 0, min = Double.POSITIVE_INFINITY;
        for (double[] row : values) {
            if (row.length != nc) throw new IllegalArgumentException("Charts.heatMap " + title + ": ragged rows");
            for (double v : row) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        double lo = Math.min(0, min), hi = max > lo ? max : lo + 1;
        int side = Math.clamp(560 / Math.max(nr, nc), 22, 64);
        Graphics2D measure = Draw.measure();
        Margins fit;
        try {
            fit = Margins.of(measure, title, rows, lo, hi, valueLabel);
        } finally {
            measure.dispose();
        }
        int width = Math.max(fit.left() + nc * side + fit.right(), fit.titleWidth() + 32);
        int height = fit.top() + nr * side + fit.bottom();
        return new Chart(width, height, (g, w, h) -> {
            Margins m = Margins.of(g, title, rows, lo, hi, valueLabel);
            double cell = Math.min((w - m.left() - m.right()) / (double) nc, (h - m.top() - m.bottom()) / (double) nr);
            double mx = m.left() + (w - m.left() - m.right() - cell * nc) / 2, my = m.top();
            Draw.centered(g, title, Style.title(), w / 2.0, 34);
            Font numbers = new Font(Style.FAMILY, Font.PLAIN, Math.clamp(Math.round(cell * 0.3), 8, 15));
            for (int r = 0; r < nr; r++) {
                for (int c = 0; c < nc; c++) {
                    double t = (values[r][c] - lo) / (hi - lo);
                    g.setColor(ramp(t));
                    g.fill(new Rectangle2D.Double(mx + c * cell, my + r * cell, cell, cell));
                    g.setFont(numbers);
                    g.setColor(t > 0.5 ? Color.WHITE : Style.TEXT);
                    FontMetrics fm = g.getFontMetrics();
                    Draw.drawCentered(g, format(values[r][c]), mx + (c + 0.5) * cell,
                            my + (r + 0.5) * cell + (fm.getAscent() - fm.getDescent()) / 2.0);
                }
            }
            g.setColor(new Color(0x999999));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(mx, my, cell * nc, cell * nr));
            g.setFont(Style.ticks());
            g.setColor(Style.TEXT);
            FontMetrics fm = g.getFontMetrics();
            for (int r = 0; r < nr; r++) {
                String s = rows.get(r);
                g.drawString(s, (float) (mx - GAP - fm.stringWidth(s)),
                        (float) (my + (r + 0.5) * cell + (fm.getAscent() - fm.getDescent()) / 2.0));
            }
            for (int c = 0; c < nc; c++) {
                Draw.drawCentered(g, columns.get(c), mx + (c + 0.5) * cell, my + nr * cell + GAP + fm.getAscent());
            }
            FontMetrics am = g.getFontMetrics(Style.axisTitle());
            Draw.centered(g, xLabel, Style.axisTitle(), mx + nc * cell / 2,
                    my + nr * cell + GAP + fm.getHeight() + GAP + am.getAscent());
            AffineTransform saved = g.getTransform();
            g.translate(mx - GAP - m.rowNames() - GAP - am.getDescent(), my + nr * cell / 2);
            g.rotate(-Math.PI / 2);
            Draw.centered(g, yLabel, Style.axisTitle(), 0, 0);
            g.setTransform(saved);
            colourBar(g, mx + nc * cell + BAR_GAP, my, Math.min(nr * cell, 300), lo, hi, valueLabel);
        });
    }

    /**
     * The room around the cells, from the fonts: the row names and the y title on the left, the
     * colour bar and its labels on the right, the title above, the column names and the x title below.
     */
    private record Margins(int left, int right, int top, int bottom, int rowNames, int titleWidth) {
        static Margins of(Graphics2D g, String title, List<String> rows, double lo, double hi, String valueLabel) {
            FontMetrics tm = g.getFontMetrics(Style.ticks()), am = g.getFontMetrics(Style.axisTitle());
            int rowNames = 0;
            for (String r : rows) rowNames = Math.max(rowNames, tm.stringWidth(r));
            int barLabels = Math.max(Math.max(tm.stringWidth(format(hi)) + 22, tm.stringWidth(format(lo)) + 22),
                    tm.stringWidth(valueLabel));
            int left = PAD + am.getHeight() + GAP + rowNames + GAP;
            int right = BAR_GAP + barLabels + PAD;
            int bottom = GAP + tm.getHeight() + GAP + am.getHeight() + PAD;
            return new Margins(left, right, 58, bottom, rowNames, g.getFontMetrics(Style.title()).stringWidth(title));
        }
    }

    private static void colourBar(Graphics2D g, double x, double y, double height, double lo, double hi, String label) {
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            g.setColor(ramp(1 - (double) i / (steps - 1)));
            g.fill(new Rectangle2D.Double(x, y + height * i / steps, 16, height / steps + 0.6));
        }
        g.setColor(new Color(0x999999));
        g.draw(new Rectangle2D.Double(x, y, 16, height));
        g.setFont(Style.ticks());
        g.setColor(Style.TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(format(hi), (float) (x + 22), (float) (y + fm.getAscent()));
        g.drawString(format(lo), (float) (x + 22), (float) (y + height));
        g.drawString(label, (float) x, (float) (y + height + 20));
    }

    /** White to dark blue ("Blues"), {@code t} in [0, 1]. */
    static Color ramp(double t) {
        double u = Math.clamp(t, 0, 1);
        return new Color(Style.mix(LOW.getRed(), HIGH.getRed(), u), Style.mix(LOW.getGreen(), HIGH.getGreen(), u),
                Style.mix(LOW.getBlue(), HIGH.getBlue(), u));
    }

    /** Whole numbers without decimals (counts), others with up to three. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
