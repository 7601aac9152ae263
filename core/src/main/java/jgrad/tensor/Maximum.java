package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise maximum {@code y = max(a, b)} with NumPy broadcasting (NaN propagates).
 *
 * <p>Backward: {@code dL/da = gy * [a > b]}, {@code dL/db = gy * [b > a]}; on a tie each gets
 * {@code gy / 2}, as in PyTorch (see {@link #share} for NaN).
 */
final class Maximum extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        return Broadcasting.binary("maximum", xs[0], xs[1], Elementwise::maximum, Elementwise::maximum);
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor a = input(0), b = input(1);
        return new Tensor[] {needsGrad(0) ? gy.mul(share(a, b)) : null, needsGrad(1) ? gy.mul(share(b, a)) : null};
    }

    /**
     * The share of {@code gy} that goes to {@code u} in {@code max(u, v)}, in the broadcast shape:
     * 0.5 on a tie, 0 where {@code u < v}, else 1. NOTE: so a NaN on either side gives both inputs
     * the full gradient, as PyTorch's {@code maximum} backward does.
     */
    private static Tensor share(Tensor u, Tensor v) {
        return Broadcasting.binary("maximum", u, v,
                (x, xo, z, zo, y, yo, n) -> {
                    for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] == z[zo + i] ? 0.5f : x[xo + i] < z[zo + i] ? 0f : 1f;
                },
                (x, xo, z, zo, y, yo, n) -> {
                    for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] == z[zo + i] ? 0.5 : x[xo + i] < z[zo + i] ? 0 : 1;
                });
    }
}
