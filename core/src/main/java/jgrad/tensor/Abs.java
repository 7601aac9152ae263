package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise absolute value {@code y = |x|}.
 *
 * <p>Backward: {@code dL/dx = gy * sign(x)}. NOTE: sign(0) = sign(NaN) = 0, as in PyTorch.
 */
final class Abs extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        return Unary.map(xs[0], Elementwise::abs, Elementwise::abs);
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {Unary.timesSign(gy, input(0))};
    }
}
