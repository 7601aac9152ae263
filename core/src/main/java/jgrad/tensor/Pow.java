package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise power with a constant exponent, {@code y = x^p} (IEEE {@code Math.pow} semantics).
 *
 * <p>Backward: {@code dL/dx = gy * p * x^(p-1)}; for {@code p = 0} the gradient is 0.
 */
final class Pow extends Op {
    private final double p;

    Pow(double p) {
        this.p = p;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        Tensor y = Tensor.empty(x.dtype(), x.shape());
        // Elementwise.pow takes p = 2 as x*x: exact like Math.pow(x, 2) and far cheaper (squared-error losses).
        if (x.dtype() == DType.FLOAT32) Elementwise.pow(x.floatData(), 0, p, y.floatData(), 0, x.numel());
        else Elementwise.pow(x.doubleData(), 0, p, y.doubleData(), 0, x.numel());
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor x = input(0);
        if (p == 0) return new Tensor[] {gy.mul(0)};
        if (p == 1) return new Tensor[] {gy};
        if (p == 2) return new Tensor[] {gy.mul(x.mul(2))};
        return new Tensor[] {gy.mul(x.pow(p - 1).mul(p))};
    }
}
