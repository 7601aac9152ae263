package jgrad.charts;

import java.util.Arrays;

/**
 * One named line of points {@code (x[i], y[i])} for {@link Charts#line}, {@link Charts#curveFit}
 * and {@link Charts#contourPaths}. NaN values are gaps (not drawn).
 *
 * @param name the legend entry, e.g. {@code "train"}
 * @param x the x coordinates
 * @param y the y coordinates, as many as {@code x}
 */
public record Series(String name, double[] x, double[] y) {
    /**
     * Checks the arrays.
     *
     * @throws IllegalArgumentException if the lengths differ or there are no points
     */
    public Series {
        if (name == null) throw new IllegalArgumentException("Series: name is null");
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("Series " + name + ": needs as many x as y values, at least one; got "
                    + x.length + " and " + y.length);
        }
    }

    /**
     * {@return values {@code y} at {@code x = 1, 2, ..., n} (epochs or iterations counted from 1)}
     *
     * @param name the legend's name
     * @param y the values, one per epoch or iteration
     */
    public static Series of(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return new Series(name, x, y);
    }

    /** True when no point has a finite y (a metric that was never measured). */
    boolean empty() {
        return Arrays.stream(y).noneMatch(Double::isFinite);
    }
}
