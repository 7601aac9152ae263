package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/** Elementwise {@code y = e^x}. Backward: {@code dL/dx = gy * y} (the output is saved). */
final class Exp extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Unary.map(xs[0], Elementwise::exp, Elementwise::exp);
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.mul(y)};
    }
}
