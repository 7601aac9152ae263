package jgrad.charts;

import java.util.List;

/**
 * How a line chart's y axis maps values to heights ({@link Charts#line(String, String, String, List, Scale)}).
 * Use {@link #LOG} for a curve that spans orders of magnitude, such as an error falling from 0.3
 * to 0.0002: on a linear axis its last thousand epochs look flat.
 */
public enum Scale {
    /** Equal distances for equal differences (the default). */
    LINEAR,
    /**
     * Equal distances for equal ratios: 0.001, 0.01, 0.1 and 1 are evenly spaced. Only positive
     * values can be drawn; zero and negative values are left out as gaps, and the legend says how
     * many of each series were left out.
     */
    LOG;

    /**
     * {@link #LOG} when every finite value is positive and the largest is at least 100 times the
     * smallest (two orders of magnitude), else {@link #LINEAR}: a loss curve that falls from 2.3
     * to 0.01 reads better on a log axis.
     *
     * @param series the curves to draw
     * @return the scale for their y axis
     */
    public static Scale suggested(List<Series> series) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Series s : series) {
            for (double y : s.y()) {
                if (!Double.isFinite(y)) continue;
                if (y <= 0) return LINEAR;
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        return hi >= 100 * lo ? LOG : LINEAR;
    }
}
