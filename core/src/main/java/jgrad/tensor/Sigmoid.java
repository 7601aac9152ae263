package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/** Elementwise logistic sigmoid {@code y = 1 / (1 + e^-x)}. Backward: {@code dL/dx = gy * y * (1 - y)}. */
final class Sigmoid extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Unary.map(xs[0], Elementwise::sigmoid, Elementwise::sigmoid);
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.mul(y.mul(y.neg().add(1)))};
    }
}
