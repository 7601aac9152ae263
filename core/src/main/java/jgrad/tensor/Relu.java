package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise rectifier {@code y = max(x, 0)}.
 *
 * <p>Backward: {@code dL/dx = gy * [y > 0]}. NOTE: relu'(0) is taken as 0, and a NaN output passes
 * {@code gy} unchanged, as in PyTorch.
 */
final class Relu extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Unary.map(xs[0], Elementwise::relu, Elementwise::relu);
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {Unary.keepWherePositive(gy, y)};
    }
}
