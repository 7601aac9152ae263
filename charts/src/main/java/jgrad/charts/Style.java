package jgrad.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every chart: fonts, colours, paddings. */
final class Style {
    static {
        // Charts draw off screen: AWT must never look for a display (CI has none). Set before the
        // first AWT call below, unless the application chose otherwise.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Style() {}

    /**
     * A sans-serif family that exists here and in a browser showing the SVG: DejaVu Sans or
     * Liberation Sans when installed, else Java's logical SansSerif (SVG output then names a generic
     * fallback, see {@link Chart#svg()}).
     */
    static final String FAMILY = pickFamily();

    /** Tableau 10: ten colours that stay distinct for the common kinds of colour blindness. */
    static final Color[] PALETTE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};

    static final Color TEXT = new Color(0x222222);
    static final Color GRID = new Color(0xe3e3e3);
    static final Color WRONG = new Color(0xc0392b);
    static final Color RIGHT = new Color(0x1e7b34);

    static Font title() {
        return new Font(FAMILY, Font.BOLD, 18);
    }

    static Font panelTitle() {
        return new Font(FAMILY, Font.BOLD, 15);
    }

    static Font axisTitle() {
        return new Font(FAMILY, Font.PLAIN, 14);
    }

    static Font ticks() {
        return new Font(FAMILY, Font.PLAIN, 12);
    }

    static Font legend() {
        return new Font(FAMILY, Font.PLAIN, 13);
    }

    /** The i-th series colour, cycling. */
    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** {@code c} mixed with white: {@code amount} 0 gives {@code c}, 1 gives white. */
    static Color tint(Color c, double amount) {
        return new Color(mix(c.getRed(), 255, amount), mix(c.getGreen(), 255, amount), mix(c.getBlue(), 255, amount));
    }

    static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    /** Applies the shared look to an XChart axes chart. */
    static void apply(AxesChartStyler s, int series) {
        s.setChartTitleFont(title());
        s.setChartFontColor(TEXT);
        s.setAxisTitleFont(axisTitle());
        s.setAxisTickLabelsFont(ticks());
        s.setAxisTickLabelsColor(TEXT);
        s.setLegendFont(legend());
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setLegendPadding(12);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendVisible(series > 1);
        s.setSeriesColors(Arrays.copyOf(PALETTE, PALETTE.length));
        s.setChartPadding(12);
        s.setChartTitlePadding(10);
        s.setAxisTitlePadding(8);
        s.setAxisTickPadding(6);
        s.setAntiAlias(true);
        s.setChartTitleBoxVisible(false);
    }

    private static String pickFamily() {
        try {
            var names = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            for (String f : new String[] {"DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"}) {
                if (names.contains(f)) return f;
            }
        } catch (RuntimeException | Error noFonts) {
            // a JDK without font configuration: the logical font still works
        }
        return Font.SANS_SERIF;
    }
}
