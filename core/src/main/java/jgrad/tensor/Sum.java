package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Sum over all elements ({@code dim = ALL}, giving a 0-d tensor) or along one dimension.
 *
 * <p>Backward: every input element contributed once, so {@code dL/dx = gy} broadcast back to
 * {@code x}'s shape (after re-inserting the summed dimension as size 1).
 */
final class Sum extends Op {
    /** Marker for "all dimensions". */
    static final int ALL = -1;
    private final int dim;
    private final boolean keepDim;

    Sum(int dim, boolean keepDim) {
        this.dim = dim;
        this.keepDim = keepDim;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        if (dim == ALL) {
            double s = x.dtype() == DType.FLOAT32 ? Elementwise.sum(x.floatData(), 0, x.numel())
                    : Elementwise.sum(x.doubleData(), 0, x.numel());
            return x.scalarLike(s);
        }
        int[] shape = x.shapeRef();
        int outer = Shape.product(shape, 0, dim), len = shape[dim], inner = Shape.product(shape, dim + 1, shape.length);
        Tensor y = Tensor.empty(x.dtype(), Max.reducedShape(shape, dim, keepDim));
        // y[o, i] = sum_j x[o, j, i]. Rows (inner = 1) use the sum kernel; otherwise add whole
        // slices of length inner with axpy, so the loop vectorises.
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.floatData(), out = y.floatData();
            for (int o = 0; o < outer; o++) {
                if (inner == 1) out[o] = (float) Elementwise.sum(v, o * len, len);
                else for (int j = 0; j < len; j++) Elementwise.axpy(1f, v, (o * len + j) * inner, out, o * inner, inner);
            }
        } else {
            double[] v = x.doubleData(), out = y.doubleData();
            for (int o = 0; o < outer; o++) {
                if (inner == 1) out[o] = Elementwise.sum(v, o * len, len);
                else for (int j = 0; j < len; j++) Elementwise.axpy(1.0, v, (o * len + j) * inner, out, o * inner, inner);
            }
        }
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int[] xShape = input(0).shapeRef();
        Tensor g = gy;
        if (dim != ALL && !keepDim) {
            int[] kept = xShape.clone();
            kept[dim] = 1;
            g = gy.reshape(kept);
        }
        return new Tensor[] {g.broadcastTo(xShape)};
    }
}
