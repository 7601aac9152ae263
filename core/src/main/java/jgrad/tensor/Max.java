package jgrad.tensor;

/**
 * Maximum along one dimension, {@code y[o, i] = max_j x[o, j, i]}; {@link #argmax} shares the scan.
 *
 * <p>Backward: the whole gradient goes to the first position that attains the maximum,
 * {@code dL/dx[o, j, i] = gy[o, i] * [j = argmax]} (PyTorch also picks a single index).
 */
final class Max extends Op {
    private final int dim;
    private final boolean keepDim;
    private int[] argmax; // flat index into x of each output element's maximum

    Max(int dim, boolean keepDim) {
        this.dim = dim;
        this.keepDim = keepDim;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        argmax = scan(x, dim, "max");
        Tensor y = Tensor.empty(x.dtype(), reducedShape(x.shapeRef(), dim, keepDim));
        for (int i = 0; i < argmax.length; i++) y.setFlat(i, x.getFlat(argmax[i]));
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // NOTE: a scatter by saved index, not onehot.mul(gy): one pass instead of a mask and a broadcast.
        Tensor gx = Tensor.empty(gy.dtype(), input(0).shape());
        if (gy.dtype() == DType.FLOAT32) {
            float[] g = gy.floatData(), out = gx.floatData();
            for (int i = 0; i < argmax.length; i++) out[argmax[i]] = g[i];
        } else {
            double[] g = gy.doubleData(), out = gx.doubleData();
            for (int i = 0; i < argmax.length; i++) out[argmax[i]] = g[i];
        }
        return new Tensor[] {gx};
    }

    /** Index along {@code dim} of the first maximum, with {@code dim} removed; does not require grad. */
    static Tensor argmax(Tensor x, int dim) {
        int[] flat = scan(x, dim, "argmax");
        int[] shape = x.shapeRef();
        int inner = Shape.product(shape, dim + 1, shape.length);
        Tensor y = Tensor.empty(x.dtype(), reducedShape(shape, dim, false));
        for (int i = 0; i < flat.length; i++) y.setFlat(i, (flat[i] / inner) % shape[dim]);
        return y;
    }

    /** Flat index of the first maximum for each output element (NaN counts as the maximum, as in PyTorch). */
    private static int[] scan(Tensor x, int dim, String op) {
        int[] shape = x.shapeRef();
        int outer = Shape.product(shape, 0, dim), len = shape[dim], inner = Shape.product(shape, dim + 1, shape.length);
        if (len == 0 && outer * inner > 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " of shape " + Shape.str(shape) + " is empty");
        }
        int[] idx = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * len * inner + i;
                double bv = x.getFlat(best);
                for (int j = 1; j < len && !Double.isNaN(bv); j++) {
                    int at = (o * len + j) * inner + i;
                    double v = x.getFlat(at);
                    if (v > bv || Double.isNaN(v)) {
                        best = at;
                        bv = v;
                    }
                }
                idx[o * inner + i] = best;
            }
        }
        return idx;
    }

    /** {@code shape} with {@code dim} set to 1 ({@code keepDim}) or removed: the shape of a reduction. */
    static int[] reducedShape(int[] shape, int dim, boolean keepDim) {
        if (keepDim) {
            int[] s = shape.clone();
            s[dim] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != dim) s[j++] = shape[i];
        return s;
    }
}
