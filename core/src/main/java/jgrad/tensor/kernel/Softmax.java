package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Numerically stable softmax and log-softmax over the rows of a dense {@code (rows, cols)} block:
 * each row is shifted by its maximum before exponentiation.
 *
 * <p>Float32 rows are vectorised (masked tails, exp from {@code VecMath}); float64 rows use
 * {@link Math#exp}. Rows are split over the worker pool in fixed groups; each row is computed
 * the same way whatever the thread count.
 */
public final class Softmax {
    private Softmax() {}

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    /** Rows per parallel chunk: about 16k elements, and everything inline for small blocks. */
    private static int rowGrain(int rows, int cols) {
        if ((long) rows * cols < (1 << 15)) return rows;
        return Math.max(1, (1 << 14) / cols);
    }

    /**
     * {@code y[r, :] = exp(x[r, :] - max) / sum(exp(x[r, :] - max))}.
     *
     * @param x the input block {@code (rows, cols)}, row-major from {@code xOff} with leading dimension {@code cols}
     * @param xOff index in {@code x} of the block's first element
     * @param y the output block, laid out like the input from {@code yOff}; overwritten, may be {@code x} with the same offset (in place)
     * @param yOff index in {@code y} of the block's first element
     * @param rows number of rows, each normalised on its own; nothing is done when 0
     * @param cols elements per row; nothing is done when 0
     */
    public static void rows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        if (rows <= 0 || cols <= 0) return;
        Parallel.forRange(rows, rowGrain(rows, cols), (from, to) -> {
            for (int r = from; r < to; r++) softmaxRow(x, xOff + r * cols, y, yOff + r * cols, cols);
        });
    }

    /**
     * {@code y[r, :] = x[r, :] - max - log(sum(exp(x[r, :] - max)))}.
     *
     * @param x the input block {@code (rows, cols)}, row-major from {@code xOff} with leading dimension {@code cols}
     * @param xOff index in {@code x} of the block's first element
     * @param y the output block, laid out like the input from {@code yOff}; overwritten, may be {@code x} with the same offset (in place)
     * @param yOff index in {@code y} of the block's first element
     * @param rows number of rows, each normalised on its own; nothing is done when 0
     * @param cols elements per row; nothing is done when 0
     */
    public static void logRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        if (rows <= 0 || cols <= 0) return;
        Parallel.forRange(rows, rowGrain(rows, cols), (from, to) -> {
            for (int r = from; r < to; r++) logSoftmaxRow(x, xOff + r * cols, y, yOff + r * cols, cols);
        });
    }

    private static float rowMax(float[] x, int xo, int cols) {
        FloatVector m = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (int end = FS.loopBound(cols); j < end; j += FS.length()) {
            m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(FS, x, xo + j));
        }
        if (j < cols) {
            VectorMask<Float> mask = FS.indexInRange(j, cols);
            m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(FS, x, xo + j, mask), mask);
        }
        return m.reduceLanes(VectorOperators.MAX); // max is exact in any order
    }

    private static void softmaxRow(float[] x, int xo, float[] y, int yo, int cols) {
        float max = rowMax(x, xo, cols);
        double s = VecMath.expShiftSum(x, xo, y, yo, cols, max);
        float inv = (float) (1 / s);
        Elementwise.scale(y, yo, inv, y, yo, cols);
    }

    private static void logSoftmaxRow(float[] x, int xo, float[] y, int yo, int cols) {
        float max = rowMax(x, xo, cols);
        double s = VecMath.expShiftSum(x, xo, null, 0, cols, max);
        // (x - max) first: exact for entries near the max, then one rounding for the log term
        Elementwise.addScalar(x, xo, -max, y, yo, cols);
        Elementwise.addScalar(y, yo, (float) -Math.log(s), y, yo, cols);
    }

    /**
     * Float64 {@link #rows(float[], int, float[], int, int, int)}.
     *
     * @param x the input block {@code (rows, cols)}, row-major from {@code xOff} with leading dimension {@code cols}
     * @param xOff index in {@code x} of the block's first element
     * @param y the output block, laid out like the input from {@code yOff}; overwritten, may be {@code x} with the same offset (in place)
     * @param yOff index in {@code y} of the block's first element
     * @param rows number of rows, each normalised on its own; nothing is done when 0
     * @param cols elements per row; nothing is done when 0
     */
    public static void rows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        if (rows <= 0 || cols <= 0) return;
        Parallel.forRange(rows, rowGrain(rows, cols), (from, to) -> {
            for (int r = from; r < to; r++) softmaxRow(x, xOff + r * cols, y, yOff + r * cols, cols);
        });
    }

    /**
     * Float64 {@link #logRows(float[], int, float[], int, int, int)}.
     *
     * @param x the input block {@code (rows, cols)}, row-major from {@code xOff} with leading dimension {@code cols}
     * @param xOff index in {@code x} of the block's first element
     * @param y the output block, laid out like the input from {@code yOff}; overwritten, may be {@code x} with the same offset (in place)
     * @param yOff index in {@code y} of the block's first element
     * @param rows number of rows, each normalised on its own; nothing is done when 0
     * @param cols elements per row; nothing is done when 0
     */
    public static void logRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        if (rows <= 0 || cols <= 0) return;
        Parallel.forRange(rows, rowGrain(rows, cols), (from, to) -> {
            for (int r = from; r < to; r++) logSoftmaxRow(x, xOff + r * cols, y, yOff + r * cols, cols);
        });
    }

    private static double rowMax(double[] x, int xo, int cols) {
        DoubleVector m = DoubleVector.broadcast(DS, Double.NEGATIVE_INFINITY);
        int j = 0;
        for (int end = DS.loopBound(cols); j < end; j += DS.length()) {
            m = m.lanewise(VectorOperators.MAX, DoubleVector.fromArray(DS, x, xo + j));
        }
        if (j < cols) {
            VectorMask<Double> mask = DS.indexInRange(j, cols);
            m = m.lanewise(VectorOperators.MAX, DoubleVector.fromArray(DS, x, xo + j, mask), mask);
        }
        return m.reduceLanes(VectorOperators.MAX); // max is exact in any order
    }

    /** Writes exp(x - max) to y (if y is not null) and returns its sum; {@link Math#exp} per element. */
    private static double expShiftSum(double[] x, int xo, double[] y, int yo, int cols, double max) {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            double e = Math.exp(x[xo + j] - max);
            if (y != null) y[yo + j] = e;
            s += e;
        }
        return s;
    }

    private static void softmaxRow(double[] x, int xo, double[] y, int yo, int cols) {
        double max = rowMax(x, xo, cols);
        double s = expShiftSum(x, xo, y, yo, cols, max);
        double inv = (1 / s);
        Elementwise.scale(y, yo, inv, y, yo, cols);
    }

    private static void logSoftmaxRow(double[] x, int xo, double[] y, int yo, int cols) {
        double max = rowMax(x, xo, cols);
        double s = expShiftSum(x, xo, null, 0, cols, max);
        // (x - max) first: exact for entries near the max, then one rounding for the log term
        Elementwise.addScalar(x, xo, -max, y, yo, cols);
        Elementwise.addScalar(y, yo, -Math.log(s), y, yo, cols);
    }
}
