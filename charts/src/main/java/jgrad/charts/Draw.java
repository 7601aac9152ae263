package jgrad.charts;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Small drawing helpers shared by the hand-drawn charts (heat map, image grid, panel titles). */
final class Draw {
    private Draw() {}

    /** Draws {@code text} centred on {@code cx} with its baseline at {@code baseline}. */
    static void centered(Graphics2D g, String text, Font font, double cx, double baseline) {
        g.setFont(font);
        g.setColor(Style.TEXT);
        drawCentered(g, text, cx, baseline);
    }

    /** Draws {@code text} in the current font and colour, centred on {@code cx}. */
    static void drawCentered(Graphics2D g, String text, double cx, double baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (cx - m.stringWidth(text) / 2.0), (float) baseline);
    }

    /** A graphics on a 1 x 1 image, to measure text with before anything is drawn; dispose of it when done. */
    static Graphics2D measure() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /** A graphics of the same kind as {@code g} to lay a chart out on, without drawing anywhere. */
    static Graphics2D scratch(Graphics2D g) {
        if (g instanceof VectorGraphics2D) return new VectorGraphics2D();
        Graphics2D s = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        s.setRenderingHints(g.getRenderingHints());
        s.setRenderingHint(RenderingHints.KEY_ANTIALIASING, g.getRenderingHint(RenderingHints.KEY_ANTIALIASING));
        return s;
    }
}
