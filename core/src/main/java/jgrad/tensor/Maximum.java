package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise maximum {@code y = max(a, b)} with NumPy broadcasting (NaN propagates).
 *
 * <p>Backward: {@code dL/da = gy * [a > b]}, {@code dL/db = gy * [b > a]}; on a tie each gets
 * {@code gy / 2}, as in PyTorch.
 */
final class Maximum extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        return Broadcasting.binary("maximum", xs[0], xs[1], Elementwise::maximum, Elementwise::maximum);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor a = input(0), b = input(1);
        // share of a, in the broadcast shape: 1 where a wins, 0.5 on ties, 0 where b wins
        Tensor wa = Broadcasting.binary("maximum", a, b,
                (x, xo, z, zo, y, yo, n) -> {
                    for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] > z[zo + i] ? 1f : x[xo + i] == z[zo + i] ? 0.5f : 0f;
                },
                (x, xo, z, zo, y, yo, n) -> {
                    for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] > z[zo + i] ? 1 : x[xo + i] == z[zo + i] ? 0.5 : 0;
                });
        return new Tensor[] {needsGrad(0) ? gy.mul(wa) : null, needsGrad(1) ? gy.mul(wa.neg().add(1)) : null};
    }
}
