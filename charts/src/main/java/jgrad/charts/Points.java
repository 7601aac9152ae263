package jgrad.charts;

/**
 * Labelled points in the plane for {@link Charts#scatter} and {@link Charts#decisionRegions}:
 * point {@code i} is {@code (x[i], y[i])} of class {@code labels[i]}.
 *
 * @param x first coordinates
 * @param y second coordinates
 * @param labels class indices from 0
 */
public record Points(double[] x, double[] y, int[] labels) {
    /**
     * Checks the arrays.
     *
     * @throws IllegalArgumentException if the lengths differ or a label is negative
     */
    public Points {
        if (x.length != y.length || x.length != labels.length) {
            throw new IllegalArgumentException("Points: x, y and labels differ in length: " + x.length + ", " + y.length
                    + ", " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) throw new IllegalArgumentException("Points: label " + labels[i] + " at " + i + " is negative");
        }
    }

    /**
     * {@return points from rows of {@code (x, y)} pairs, as a {@code (N, 2)} tensor's {@code toFloatArray()} gives}
     *
     * @param xy {@code x0, y0, x1, y1, ...}
     * @param labels the class of each point
     */
    public static Points ofRows(float[] xy, int[] labels) {
        if (xy.length != 2 * labels.length) {
            throw new IllegalArgumentException("Points.ofRows: " + xy.length + " values are not 2 per label for "
                    + labels.length + " labels");
        }
        double[] x = new double[labels.length], y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        return new Points(x, y, labels);
    }

    /** {@return the number of points} */
    public int size() {
        return labels.length;
    }
}
