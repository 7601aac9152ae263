package jgrad.tensor;

/**
 * Reorders dimensions: output dimension {@code i} is input dimension {@code perm[i]}; the values
 * are copied into a new row-major array.
 *
 * <p>Backward: {@code dL/dx = gy} permuted by the inverse permutation.
 */
final class Permute extends Op {
    private final int[] perm;

    Permute(int[] perm) {
        this.perm = perm;
    }

    /** Normalises negative dims and checks that {@code dims} is a permutation of {@code 0..ndim-1}. */
    static int[] check(int[] shape, int[] dims) {
        int[] p = new int[dims.length];
        boolean[] used = new boolean[shape.length];
        boolean ok = dims.length == shape.length;
        for (int i = 0; ok && i < dims.length; i++) {
            int d = dims[i] < 0 ? dims[i] + shape.length : dims[i];
            ok = d >= 0 && d < shape.length && !used[d];
            if (ok) used[d] = true;
            p[i] = d;
        }
        if (!ok) throw new IllegalArgumentException("permute: " + Shape.str(dims) + " is not a permutation of the dims of " + Shape.str(shape));
        return p;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] in = x.shapeRef();
        int nd = in.length;
        if (nd == 0) return x.copy();
        int[] out = new int[nd], inStrides = Shape.strides(in), st = new int[nd];
        for (int i = 0; i < nd; i++) {
            out[i] = in[perm[i]];
            st[i] = inStrides[perm[i]]; // input stride when output dim i advances
        }
        Tensor y = Tensor.empty(x.dtype(), out);
        int n = y.numel();
        if (n == 0) return y;
        // Walk the output in order with an odometer over all but the last dim; the inner run reads
        // the input with stride st[nd-1] (1 when the last dim stays last: a plain copy).
        int inner = out[nd - 1], step = st[nd - 1];
        int[] idx = new int[nd];
        int src = 0;
        boolean f32 = x.dtype() == DType.FLOAT32;
        float[] xf = f32 ? x.floatData() : null, yf = f32 ? y.floatData() : null;
        double[] xd = f32 ? null : x.doubleData(), yd = f32 ? null : y.doubleData();
        for (int o = 0; o < n; o += inner) {
            if (f32) for (int j = 0, s = src; j < inner; j++, s += step) yf[o + j] = xf[s];
            else for (int j = 0, s = src; j < inner; j++, s += step) yd[o + j] = xd[s];
            for (int k = nd - 2; k >= 0; k--) {
                src += st[k];
                if (++idx[k] < out[k]) break;
                src -= st[k] * out[k];
                idx[k] = 0;
            }
        }
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inv[perm[i]] = i;
        return new Tensor[] {gy.permute(inv)};
    }
}
