package jgrad.tensor;

/**
 * Log-softmax along one dimension, {@code y = x − max − log Σ exp(x − max)}, for any shape; the
 * output has the input's shape. Computed directly rather than as {@code log(softmax(x))}, which
 * would give {@code -inf} once a probability underflows.
 *
 * <p>Backward, with {@code gy = dL/dy}, summing over the dimension {@code d}
 * (since {@code ∂y_j/∂x_k = δ_jk − softmax(x)_k}):
 * <pre>
 *   dL/dx = gy − exp(y) ⊙ Σ_d gy
 * </pre>
 * Fused like {@link Softmax}, for stability as well as speed; {@code SoftmaxTest} checks it against
 * the composite {@code x − log Σ exp(x)}.
 */
final class LogSoftmax extends Op {
    private final int d; // resolved to [0, ndim) by Tensor.logSoftmax
    private Tensor y;

    LogSoftmax(int d) {
        this.d = d;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Softmax.along(xs[0], d, true);
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.sub(y.exp().mul(gy.sum(d, true)))};
    }
}
