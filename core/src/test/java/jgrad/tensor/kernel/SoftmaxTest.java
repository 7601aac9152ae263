package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private static final int[][] SHAPES = {{1, 1}, {3, 2}, {5, 10}, {4, 16}, {7, 17}, {2, 100}, {300, 129}, {1, 3000}};

    @Test
    void floatRowsSumToOneAndMatchPlainReference() {
        Random rng = new Random(1);
        for (int[] s : SHAPES) {
            int rows = s[0], cols = s[1];
            float[] x = ElementwiseTest.floats(rng, rows * cols + 2, -30, 30), y = new float[rows * cols], ly = new float[rows * cols];
            Softmax.rows(x, 2, y, 0, rows, cols);
            Softmax.logRows(x, 2, ly, 0, rows, cols);
            for (int r = 0; r < rows; r++) {
                double[] ref = reference(x, 2 + r * cols, cols);
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    float v = y[r * cols + j];
                    sum += v;
                    // float rounding of x - max (|x - max| up to 60 here) limits the relative accuracy
                    double logRef = Math.log(ref[j]);
                    assertEquals(ref[j], v, 1e-6 * (2 + Math.abs(logRef)) * ref[j] + 1e-30, "softmax " + rows + "x" + cols);
                    assertEquals(logRef, ly[r * cols + j], 1e-6 * (1 + Math.abs(logRef)), "logSoftmax");
                }
                assertEquals(1.0, sum, 1e-5);
            }
        }
    }

    @Test
    void doubleRowsMatchPlainReferenceClosely() {
        Random rng = new Random(2);
        for (int[] s : SHAPES) {
            int rows = s[0], cols = s[1];
            double[] x = ElementwiseTest.doubles(rng, rows * cols, -50, 50), y = new double[rows * cols], ly = new double[rows * cols];
            Softmax.rows(x, 0, y, 0, rows, cols);
            Softmax.logRows(x, 0, ly, 0, rows, cols);
            for (int r = 0; r < rows; r++) {
                double[] ref = reference(x, r * cols, cols);
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += y[r * cols + j];
                    assertEquals(ref[j], y[r * cols + j], 1e-14 * ref[j] + 1e-300);
                    assertEquals(Math.log(ref[j]), ly[r * cols + j], 1e-13 * (1 + Math.abs(Math.log(ref[j]))));
                }
                assertEquals(1.0, sum, 1e-13);
            }
        }
    }

    @Test
    void largeInputsDoNotOverflow() {
        float[] x = {1000, 1001, 1002, -1e30f};
        float[] y = new float[4], ly = new float[4];
        Softmax.rows(x, 0, y, 0, 1, 4);
        Softmax.logRows(x, 0, ly, 0, 1, 4);
        assertThat(y).doesNotContain(Float.NaN);
        assertEquals(0.6652409, y[2], 1e-6);
        assertEquals(0, y[3], 0);
        assertEquals(-0.40760596, ly[2], 1e-6);
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        Random rng = new Random(3);
        int rows = 2000, cols = 37;
        float[] x = ElementwiseTest.floats(rng, rows * cols, -5, 5), y1 = new float[rows * cols], y2 = new float[rows * cols];
        Parallel.withThreads(1, () -> Softmax.rows(x, 0, y1, 0, rows, cols));
        Parallel.withThreads(2, () -> Softmax.rows(x, 0, y2, 0, rows, cols));
        assertThat(y2).isEqualTo(y1);
    }

    /** Plain double-precision softmax of one row. */
    private static double[] reference(float[] x, int off, int cols) {
        double[] d = new double[cols];
        for (int j = 0; j < cols; j++) d[j] = x[off + j];
        return reference(d, 0, cols);
    }

    private static double[] reference(double[] x, int off, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) max = Math.max(max, x[off + j]);
        double[] e = new double[cols];
        double s = 0;
        for (int j = 0; j < cols; j++) s += e[j] = Math.exp(x[off + j] - max);
        for (int j = 0; j < cols; j++) e[j] /= s;
        return e;
    }
}
