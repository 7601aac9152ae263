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

    Clamp(double lo, double hi) {
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: min " + lo + " is greater than max " + hi);
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        Tensor y = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.floatData(), out = y.floatData();
            float l = (float) lo, h = (float) hi;
            for (int i = 0; i < v.length; i++) out[i] = v[i] < l ? l : v[i] > h ? h : v[i];
        } else {
            double[] v = x.doubleData(), out = y.doubleData();
            for (int i = 0; i < v.length; i++) out[i] = v[i] < lo ? lo : v[i] > hi ? hi : v[i];
        }
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // One fused pass (gx = gy inside the bounds), comparing in the forward's precision.
        Tensor x = input(0), gx = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.floatData(), g = gy.floatData(), out = gx.floatData();
            float l = (float) lo, h = (float) hi;
            for (int i = 0; i < v.length; i++) out[i] = v[i] >= l && v[i] <= h ? g[i] : 0f;
        } else {
            double[] v = x.doubleData(), g = gy.doubleData(), out = gx.doubleData();
            for (int i = 0; i < v.length; i++) out[i] = v[i] >= lo && v[i] <= hi ? g[i] : 0;
        }
        return new Tensor[] {gx};
    }
}
