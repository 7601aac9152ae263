package jgrad.tensor.kernel;

/**
 * Numerically stable softmax and log-softmax over the rows of a dense {@code (rows, cols)} block:
 * each row is shifted by its maximum before exponentiation.
 */
public final class Softmax {
    private Softmax() {}

    /** {@code y[r, :] = exp(x[r, :] - max) / sum(exp(x[r, :] - max))}. */
    public static void rows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols, yo = yOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[xo + j]);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xo + j] - max);
                y[yo + j] = e;
                s += e;
            }
            float inv = (float) (1 / s);
            for (int j = 0; j < cols; j++) y[yo + j] *= inv;
        }
    }

    /** Float64 {@link #rows(float[], int, float[], int, int, int)}. */
    public static void rows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols, yo = yOff + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[xo + j]);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x[xo + j] - max);
                y[yo + j] = e;
                s += e;
            }
            for (int j = 0; j < cols; j++) y[yo + j] /= s;
        }
    }

    /** {@code y[r, :] = x[r, :] - max - log(sum(exp(x[r, :] - max)))}. */
    public static void logRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols, yo = yOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[xo + j]);
            double s = 0;
            for (int j = 0; j < cols; j++) s += Math.exp(x[xo + j] - max);
            float shift = (float) (max + Math.log(s));
            for (int j = 0; j < cols; j++) y[yo + j] = x[xo + j] - shift;
        }
    }

    /** Float64 {@link #logRows(float[], int, float[], int, int, int)}. */
    public static void logRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols, yo = yOff + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[xo + j]);
            double s = 0;
            for (int j = 0; j < cols; j++) s += Math.exp(x[xo + j] - max);
            double shift = max + Math.log(s);
            for (int j = 0; j < cols; j++) y[yo + j] = x[xo + j] - shift;
        }
    }
}
