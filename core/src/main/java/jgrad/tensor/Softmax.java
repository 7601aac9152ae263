package jgrad.tensor;

/**
 * Softmax along one dimension, {@code y = exp(x - max) / sum(exp(x - max))}, for any shape; the
 * output has the input's shape. Shifting by the maximum keeps {@code exp} from overflowing.
 *
 * <p>Backward, with {@code gy = dL/dy}, summing over the softmax dimension {@code d}:
 * <pre>
 *   dL/dx = y ⊙ (gy − Σ_d (gy ⊙ y))
 * </pre>
 */
final class Softmax extends Op {
    private final int dim;
    private Tensor y; // the output: the backward is cheapest in terms of y

    Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] shape = x.shapeRef();
        int d = Shape.dim("softmax", dim, shape);
        y = along(x, d, false);
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int d = Shape.dim("softmax", dim, y.shapeRef());
        return new Tensor[] {y.mul(gy.sub(gy.mul(y).sum(d, true)))};
    }

    /**
     * Softmax (or log-softmax when {@code log}) of {@code x} along dimension {@code d}, shared with
     * {@link LogSoftmax}. The last dimension goes straight to the row kernel; another dimension is
     * handled in place with strided loops, so no transposed copy is made.
     */
    static Tensor along(Tensor x, int d, boolean log) {
        int[] shape = x.shapeRef();
        int n = shape[d];
        int inner = 1;
        for (int i = d + 1; i < shape.length; i++) inner *= shape[i];
        int outer = n == 0 || inner == 0 ? 0 : x.numel() / (n * inner);
        if (x.dtype() == DType.FLOAT32) {
            float[] xv = x.floatData();
            float[] yv = new float[xv.length];
            if (inner == 1) {
                if (log) jgrad.tensor.kernel.Softmax.logRows(xv, 0, yv, 0, outer, n);
                else jgrad.tensor.kernel.Softmax.rows(xv, 0, yv, 0, outer, n);
            } else {
                strided(xv, yv, outer, n, inner, log);
            }
            return Tensor.wrap(yv, shape.clone());
        }
        double[] xv = x.doubleData();
        double[] yv = new double[xv.length];
        if (inner == 1) {
            if (log) jgrad.tensor.kernel.Softmax.logRows(xv, 0, yv, 0, outer, n);
            else jgrad.tensor.kernel.Softmax.rows(xv, 0, yv, 0, outer, n);
        } else {
            strided(xv, yv, outer, n, inner, log);
        }
        return Tensor.wrap(yv, shape.clone());
    }

    // Layout (outer, n, inner): the inner index is contiguous, so each pass over the n slices of one
    // outer block updates `inner` running maxima or sums with unit-stride loops.
    private static void strided(float[] x, float[] y, int outer, int n, int inner, boolean log) {
        float[] max = new float[inner];
        double[] sum = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
            java.util.Arrays.fill(sum, 0);
            for (int k = 0; k < n; k++) {
                int off = base + k * inner;
                for (int j = 0; j < inner; j++) max[j] = Math.max(max[j], x[off + j]);
            }
            for (int k = 0; k < n; k++) {
                int off = base + k * inner;
                for (int j = 0; j < inner; j++) {
                    float e = (float) Math.exp(x[off + j] - max[j]);
                    if (!log) y[off + j] = e;
                    sum[j] += e;
                }
            }
            if (log) {
                for (int j = 0; j < inner; j++) sum[j] = max[j] + Math.log(sum[j]); // the log-sum-exp
            }
            for (int k = 0; k < n; k++) {
                int off = base + k * inner;
                if (log) {
                    for (int j = 0; j < inner; j++) y[off + j] = (float) (x[off + j] - sum[j]);
                } else {
                    for (int j = 0; j < inner; j++) y[off + j] = (float) (y[off + j] / sum[j]);
                }
            }
        }
    }

    private static void strided(double[] x, double[] y, int outer, int n, int inner, boolean log) {
        double[] max = new double[inner];
        double[] sum = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(sum, 0);
            for (int k = 0; k < n; k++) {
                int off = base + k * inner;
                for (int j = 0; j < inner; j++) max[j] = Math.max(max[j], x[off + j]);
            }
            for (int k = 0; k < n; k++) {
                int off = base + k * inner;
                for (int j = 0; j < inner; j++) {
                    double e = Math.exp(x[off + j] - max[j]);
                    if (!log) y[off + j] = e;
                    sum[j] += e;
                }
            }
            if (log) {
                for (int j = 0; j < inner; j++) sum[j] = max[j] + Math.log(sum[j]); // the log-sum-exp
            }
            for (int k = 0; k < n; k++) {
                int off = base + k * inner;
                if (log) {
                    for (int j = 0; j < inner; j++) y[off + j] = x[off + j] - sum[j];
                } else {
                    for (int j = 0; j < inner; j++) y[off + j] /= sum[j];
                }
            }
        }
    }
}
