package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise product {@code y = a * b} with NumPy broadcasting.
 *
 * <p>Backward: {@code dL/da = gy * b}, {@code dL/db = gy * a} (summed back to each input's shape
 * by the engine).
 */
final class Mul extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        return Broadcasting.commutative("mul", xs[0], xs[1], Elementwise::mul, Elementwise::mul,
                Elementwise::scale, Elementwise::scale);
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor a = input(0), b = input(1);
        return new Tensor[] {needsGrad(0) ? gy.mul(b) : null, needsGrad(1) ? gy.mul(a) : null};
    }
}
