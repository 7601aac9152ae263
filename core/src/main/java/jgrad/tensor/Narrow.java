package jgrad.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The elements {@code start .. start+length-1} along one dimension, copied.
 *
 * <p>Backward: {@code gy} put back in place with zeros around it, i.e.
 * {@code cat(zeros before, gy, zeros after)} along the same dimension.
 */
final class Narrow extends Op {
    private final int dim;
    private final int start;
    private final int length;

    Narrow(int dim, int start, int length) {
        this.dim = dim;
        this.start = start;
        this.length = length;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] shape = x.shapeRef();
        if (start < 0 || length < 0 || start > shape[dim] || length > shape[dim] - start) { // no int overflow
            throw new IllegalArgumentException("narrow: range [" + start + ", " + (start + length) + ") out of bounds for dim "
                    + dim + " of shape " + Shape.str(shape));
        }
        int[] out = shape.clone();
        out[dim] = length;
        int outer = Shape.product(shape, 0, dim), inner = Shape.product(shape, dim + 1, shape.length);
        Tensor y = Tensor.empty(x.dtype(), out);
        Object src = x.dtype() == DType.FLOAT32 ? x.floatData() : x.doubleData();
        Object dst = y.dtype() == DType.FLOAT32 ? y.floatData() : y.doubleData();
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, (o * shape[dim] + start) * inner, dst, o * length * inner, length * inner);
        }
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int[] shape = input(0).shapeRef();
        List<Tensor> parts = new ArrayList<>(3);
        int[] before = shape.clone(), after = shape.clone();
        before[dim] = start;
        after[dim] = shape[dim] - start - length;
        if (start > 0) parts.add(Tensor.zeros(gy.dtype(), before));
        parts.add(gy);
        if (after[dim] > 0) parts.add(Tensor.zeros(gy.dtype(), after));
        return new Tensor[] {parts.size() == 1 ? gy : Tensor.cat(parts, dim)};
    }
}
