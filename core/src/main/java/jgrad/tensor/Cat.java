package jgrad.tensor;

/**
 * Concatenation along an existing dimension; all other sizes must agree.
 *
 * <p>Backward: input {@code i} gets the slice of {@code gy} it filled,
 * {@code narrow(dim, offset_i, size_i)}.
 */
final class Cat extends Op {
    private final int dim;

    Cat(int dim) {
        this.dim = dim;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        int[] first = xs[0].shapeRef();
        int[] out = first.clone();
        out[dim] = 0;
        for (Tensor x : xs) {
            int[] s = x.shapeRef();
            boolean ok = s.length == first.length;
            for (int i = 0; ok && i < s.length; i++) ok = i == dim || s[i] == first[i];
            if (!ok) {
                throw new IllegalArgumentException("cat: shapes " + Shape.str(first) + " and " + Shape.str(s)
                        + " differ outside dim " + dim);
            }
            out[dim] += s[dim];
        }
        int outer = Shape.product(first, 0, dim), inner = Shape.product(first, dim + 1, first.length);
        Tensor y = Tensor.empty(xs[0].dtype(), out);
        Object dst = y.dtype() == DType.FLOAT32 ? y.floatData() : y.doubleData();
        int rowOut = out[dim] * inner, offset = 0;
        for (Tensor x : xs) {
            Object src = x.dtype() == DType.FLOAT32 ? x.floatData() : x.doubleData();
            int rowIn = x.shapeRef()[dim] * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(src, o * rowIn, dst, o * rowOut + offset, rowIn);
            offset += rowIn;
        }
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor[] gxs = new Tensor[inputCount()];
        int offset = 0;
        for (int i = 0; i < gxs.length; i++) {
            int len = input(i).shapeRef()[dim];
            if (needsGrad(i)) gxs[i] = gy.narrow(dim, offset, len);
            offset += len;
        }
        return gxs;
    }
}
