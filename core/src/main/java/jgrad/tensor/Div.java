package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise quotient {@code y = a / b} with NumPy broadcasting (IEEE: {@code x / 0} is
 * {@code ±Infinity} or NaN).
 *
 * <p>Backward: {@code dL/da = gy / b}, {@code dL/db = -gy * a / b² = -gy * y / b}.
 */
final class Div extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Broadcasting.binary("div", xs[0], xs[1], Elementwise::div, Elementwise::div);
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor b = input(1);
        return new Tensor[] {needsGrad(0) ? gy.div(b) : null, needsGrad(1) ? gy.mul(y).div(b).neg() : null};
    }
}
