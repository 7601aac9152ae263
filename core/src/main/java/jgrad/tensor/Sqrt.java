package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/** Elementwise {@code y = √x}. Backward: {@code dL/dx = gy / (2 y)} (the output is saved). */
final class Sqrt extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Unary.map(xs[0], Elementwise::sqrt, Elementwise::sqrt);
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.div(y.mul(2))};
    }
}
