package jgrad.tensor;

import java.util.function.DoublePredicate;

/** Shared plumbing for elementwise ops (not an op): applying a kernel, and 0/1 masks for backward. */
final class Unary {
    private Unary() {}

    /** A float32 map with {@code Elementwise}'s unary signature. */
    @FunctionalInterface
    interface FloatMap {
        void run(float[] x, int xOff, float[] y, int yOff, int n);
    }

    /** A float64 map with {@code Elementwise}'s unary signature. */
    @FunctionalInterface
    interface DoubleMap {
        void run(double[] x, int xOff, double[] y, int yOff, int n);
    }

    /** {@code y = map(x)} over the whole tensor: one kernel call. */
    static Tensor map(Tensor x, FloatMap f, DoubleMap d) {
        Tensor y = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) f.run(x.floatData(), 0, y.floatData(), 0, x.numel());
        else d.run(x.doubleData(), 0, y.doubleData(), 0, x.numel());
        return y;
    }

    /** A tensor of x's shape and dtype holding {@code value(x_i)}; backward-only (a call per element). */
    static Tensor mask(Tensor x, DoublePredicate keep) {
        Tensor m = Tensor.empty(x.dtype(), x.shape());
        for (int i = 0; i < x.numel(); i++) {
            if (keep.test(x.getFlat(i))) m.setFlat(i, 1);
        }
        return m;
    }
}
