package jgrad.charts;

import java.util.function.DoubleBinaryOperator;

/**
 * A rectangle of the plane cut into {@code columns x rows} cells, for the background of
 * {@link Charts#decisionRegions} (a classifier's class per cell) and {@link Charts#contourPaths}
 * (a function's value per cell). Cells are numbered row by row from the bottom left:
 * cell {@code i} has centre {@code (x(i % columns), y(i / columns))}.
 * <pre>{@code
 * var grid = new Grid(-1.5, 2.5, -1, 1.5, 200, 125);
 * Tensor xy = Tensor.of(grid.points(), grid.size(), 2);  // every cell centre, one row each
 * int[] classes = argmax(model.forward(xy));              // one class per cell
 * }</pre>
 *
 * @param xMin left edge
 * @param xMax right edge
 * @param yMin bottom edge
 * @param yMax top edge
 * @param columns cells across
 * @param rows cells up
 */
public record Grid(double xMin, double xMax, double yMin, double yMax, int columns, int rows) {
    /**
     * Checks the rectangle.
     *
     * @throws IllegalArgumentException if an edge is not finite, a side is empty or there are fewer than 2 cells a side
     */
    public Grid {
        if (!(xMin < xMax) || !(yMin < yMax) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
            throw new IllegalArgumentException("Grid: needs xMin < xMax and yMin < yMax, finite; got x " + xMin + ".."
                    + xMax + ", y " + yMin + ".." + yMax);
        }
        if (columns < 2 || rows < 2 || (long) columns * rows > 4_000_000) {
            throw new IllegalArgumentException("Grid: needs 2..4,000,000 cells with at least 2 a side, got " + columns
                    + " x " + rows);
        }
    }

    /** {@return the number of cells, {@code columns * rows}} */
    public int size() {
        return columns * rows;
    }

    /**
     * {@return the x of the centre of cells in {@code column}}
     *
     * @param column from 0 (left) to {@code columns - 1}
     */
    public double x(int column) {
        return xMin + (column + 0.5) * (xMax - xMin) / columns;
    }

    /**
     * {@return the y of the centre of cells in {@code row} (row 0 at the bottom)}
     *
     * @param row from 0 (bottom) to {@code rows - 1}
     */
    public double y(int row) {
        return yMin + (row + 0.5) * (yMax - yMin) / rows;
    }

    /** {@return every cell centre as {@code (x, y)} pairs in cell order: a {@code (size(), 2)} tensor's data} */
    public float[] points() {
        float[] xy = new float[2 * size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                xy[2 * i] = (float) x(c);
                xy[2 * i + 1] = (float) y(r);
            }
        }
        return xy;
    }

    /**
     * {@return {@code f(x, y)} at every cell centre, in cell order}
     *
     * @param f the function, e.g. a loss surface
     */
    public double[] evaluate(DoubleBinaryOperator f) {
        double[] v = new double[size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) v[r * columns + c] = f.applyAsDouble(x(c), y(r));
        }
        return v;
    }
}
