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
        int width = Math.max(520, 190 + nc * side + 110), height = 150 + nr * side + 40;
        return new Chart(width, height, (g, w, h) -> {
            g.setFont(Style.ticks());
            int labelWidth = 0;
            for (String r : rows) labelWidth = Math.max(labelWidth, g.getFontMetrics().stringWidth(r));
            int left = Math.max(70, 44 + labelWidth), top = 64, right = 100, bottom = 84;
            double cell = Math.min((w - left - right) / (double) nc, (h - top - bottom) / (double) nr);
            double mx = left + (w - left - right - cell * nc) / 2, my = top;
            double yTitleX = mx - 12 - labelWidth - 14;
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
                g.drawString(s, (float) (mx - 10 - fm.stringWidth(s)), (float) (my + (r + 0.5) * cell + fm.getAscent() / 2.0 - 2));
            }
            for (int c = 0; c < nc; c++) {
                Draw.drawCentered(g, columns.get(c), mx + (c + 0.5) * cell, my + nr * cell + 6 + fm.getAscent());
            }
            Draw.centered(g, xLabel, Style.axisTitle(), mx + nc * cell / 2, my + nr * cell + 44);
            AffineTransform saved = g.getTransform();
            g.translate(yTitleX, my + nr * cell / 2);
            g.rotate(-Math.PI / 2);
            Draw.centered(g, yLabel, Style.axisTitle(), 0, 0);
            g.setTransform(saved);
            colourBar(g, mx + nc * cell + 28, my, Math.min(nr * cell, 300), lo, hi, valueLabel);
        });
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
