package jgrad.charts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small edits to the SVG text VectorGraphics2D writes. */
final class Svg {
    /** A font-family value: quoted ({@code &quot;DejaVu Sans&quot;}) or bare, up to the next ; or quote. */
    private static final Pattern FONT = Pattern.compile("font-family:(&quot;[^&]*&quot;|[^;\"&]*)");

    private Svg() {}

    /** Adds a generic {@code sans-serif} fallback to every font family, so any browser shows sans text. */
    static String withFallbackFont(String svg) {
        return FONT.matcher(svg).replaceAll(m -> {
            String family = m.group(1).strip();
            String bare = family.replace("&quot;", "");
            if (bare.endsWith("sans-serif")) return Matcher.quoteReplacement(m.group());
            if (bare.equalsIgnoreCase("SansSerif") || bare.equalsIgnoreCase("Dialog")) return "font-family:sans-serif";
            return Matcher.quoteReplacement("font-family:" + family + ", sans-serif");
        });
    }

    /**
     * Gives the {@code <svg>} element the font size that VectorGraphics2D leaves out of the text it
     * writes in its default size (12): without it a browser draws that text at its own default,
     * 16 px, so tick labels and heat-map labels came out a third too large.
     */
    static String withDefaultFontSize(String svg) {
        int start = svg.indexOf("<svg");
        if (start < 0) throw new IllegalArgumentException("Svg.withDefaultFontSize: no <svg> element");
        int at = start + "<svg".length();
        return svg.substring(0, at) + " font-size=\"12px\"" + svg.substring(at);
    }

    /** The {@code <svg>} element alone, for inlining in HTML (drops the XML prolog and DOCTYPE). */
    static String element(String svg) {
        int start = svg.indexOf("<svg");
        if (start < 0) throw new IllegalArgumentException("Svg.element: no <svg> element");
        return svg.substring(start).strip();
    }
}
