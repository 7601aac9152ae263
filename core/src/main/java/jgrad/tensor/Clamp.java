package jgrad.tensor;

/**
 * Elementwise clamp {@code y = min(max(x, lo), hi)}.
 *
 * <p>Backward: {@code dL/dx = gy * [lo <= x <= hi]} (the bounds themselves pass the gradient,
 * as in PyTorch).
 */
final class Clamp extends Op {
    private final double lo;
    private final double hi;
    private Tensor y; // the output: x is inside the bounds exactly where y == x

    Clamp(double lo, double hi) {
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: min " + lo + " is greater than max " + hi);
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        y = Tensor.empty(x.dtype(), x.shape());
        // Math.min/max (NaN stays NaN) vectorise; a chain of ternaries mispredicts on random data.
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.floatData(), out = y.floatData();
            float l = (float) lo, h = (float) hi;
            for (int i = 0; i < v.length; i++) out[i] = Math.min(Math.max(v[i], l), h);
        } else {
            double[] v = x.doubleData(), out = y.doubleData();
            for (int i = 0; i < v.length; i++) out[i] = Math.min(Math.max(v[i], lo), hi);
        }
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // Branch-free, as Unary's helpers: gy is kept where y - x is ±0 (x inside the bounds; -0 too),
        // and zeroed where it is nonzero or NaN (x outside, or NaN). NOTE: x = ±inf at an infinite
        // bound gives inf - inf = NaN, so no gradient there, where PyTorch would pass it.
        Tensor x = input(0), gx = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.floatData(), c = y.floatData(), g = gy.floatData(), out = gx.floatData();
            for (int i = 0; i < v.length; i++) {
                int m = Float.floatToRawIntBits(c[i] - v[i]) & 0x7fffffff;
                out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & ((m - 1) >> 31));
            }
        } else {
            double[] v = x.doubleData(), c = y.doubleData(), g = gy.doubleData(), out = gx.doubleData();
            for (int i = 0; i < v.length; i++) {
                long m = Double.doubleToRawLongBits(c[i] - v[i]) & Long.MAX_VALUE;
                out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & ((m - 1) >> 63));
            }
        }
        return new Tensor[] {gx};
    }
}
