package jgrad.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Small images in rows with a caption under each (digits with labels, convolution filters). */
final class ImageGrid {
    private static final int CELL = 100;
    private static final int IMAGE = 76;
    private static final int TOP = 52;
    private static final int MARGIN = 14;

    private ImageGrid() {}

    static Chart of(String title, List<Tile> tiles, int columns) {
        if (tiles.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("Charts.imageGrid " + title + ": needs tiles and columns >= 1, got "
                    + tiles.size() + " tiles and " + columns + " columns");
        }
        List<Tile> cells = List.copyOf(tiles);
        int cols = Math.min(columns, cells.size());
        int rows = (cells.size() + cols - 1) / cols;
        int cellWidth = Math.max(CELL, 12 + widestCaption(cells));
        int width = Math.max(2 * MARGIN + cols * cellWidth, 360);
        int height = TOP + rows * CELL + MARGIN;
        return new Chart(width, height, (g, w, h) -> {
            double s = Math.min((w - 2.0 * MARGIN) / (cols * cellWidth), (h - TOP - MARGIN) / (double) (rows * CELL));
            double x0 = (w - cols * cellWidth * s) / 2;
            Draw.centered(g, title, Style.title(), w / 2.0, 32);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            Font caption = new Font(Style.FAMILY, Font.PLAIN, (int) Math.max(9, Math.round(12 * s)));
            for (int i = 0; i < cells.size(); i++) {
                Tile t = cells.get(i);
                double cx = x0 + (i % cols + 0.5) * cellWidth * s, cy = TOP + (i / cols) * CELL * s;
                int side = (int) Math.round(IMAGE * s);
                var img = t.image().toImage();
                double aspect = (double) img.getWidth() / img.getHeight();
                int iw = aspect >= 1 ? side : (int) Math.round(side * aspect);
                int ih = aspect >= 1 ? (int) Math.round(side / aspect) : side;
                g.drawImage(img, (int) Math.round(cx - iw / 2.0), (int) Math.round(cy + (side - ih) / 2.0), iw, ih, null);
                g.setColor(new Color(0xbbbbbb));
                g.drawRect((int) Math.round(cx - iw / 2.0) - 1, (int) Math.round(cy + (side - ih) / 2.0) - 1, iw + 1, ih + 1);
                g.setFont(caption);
                g.setColor(switch (t.mark()) {
                    case PLAIN -> Style.TEXT;
                    case RIGHT -> Style.RIGHT;
                    case WRONG -> Style.WRONG;
                });
                Draw.drawCentered(g, t.caption(), cx, cy + side + caption.getSize() + 3);
            }
        });
    }

    /** The width of the longest caption at the unscaled caption size, in pixels. */
    private static int widestCaption(List<Tile> tiles) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            var metrics = g.getFontMetrics(new Font(Style.FAMILY, Font.PLAIN, 12));
            int widest = 0;
            for (Tile t : tiles) widest = Math.max(widest, metrics.stringWidth(t.caption()));
            return widest;
        } finally {
            g.dispose();
        }
    }
}
