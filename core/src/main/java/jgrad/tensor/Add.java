package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise sum {@code y = a + b} with NumPy broadcasting.
 *
 * <p>Backward: {@code dL/da = gy}, {@code dL/db = gy}; the engine sums each back to its input's
 * shape when the forward broadcast.
 */
final class Add extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        return Broadcasting.commutative("add", xs[0], xs[1], Elementwise::add, Elementwise::add,
                Elementwise::addScalar, Elementwise::addScalar);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy, gy};
    }
}
