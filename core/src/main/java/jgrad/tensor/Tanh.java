package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/** Elementwise hyperbolic tangent {@code y = tanh x}. Backward: {@code dL/dx = gy * (1 - y²)}. */
final class Tanh extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Unary.map(xs[0], Elementwise::tanh, Elementwise::tanh);
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.mul(y.mul(y).neg().add(1))};
    }
}
