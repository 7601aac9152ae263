package jgrad.tensor;

/**
 * Mean cross-entropy of softmax probabilities against class indices, fused into one op:
 * logits {@code x: (n, c)}, targets {@code t: n} ints in {@code [0, c)}, output a 0-d scalar
 * <pre>
 *   L = −(1/n) Σ_i log softmax(x_i)[t_i]
 * </pre>
 * computed with a stable log-softmax.
 *
 * <p>Backward, with the scalar {@code gy = dL/dL_out}:
 * <pre>
 *   dL/dx = gy · (softmax(x) − onehot(t)) / n
 * </pre>
 * The fused form saves the composite's graph (log-softmax, one-hot product, sum, mean) and its
 * intermediate tensors; {@code SoftmaxCrossEntropyTest} checks both agree.
 */
final class SoftmaxCrossEntropy extends Op {
    private final int[] targets;
    private Tensor logp; // (n, c): log-softmax of the logits, kept for backward

    SoftmaxCrossEntropy(int[] targets) {
        this.targets = targets.clone(); // saved state: later changes by the caller must not reach backward
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] shape = x.shapeRef();
        if (shape.length != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be 2-D (n, classes), got shape "
                    + Shape.str(shape));
        }
        int n = shape[0], c = shape[1];
        if (targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for logits of shape "
                    + Shape.str(shape) + " (need one per row, " + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= c) {
                throw new IllegalArgumentException("crossEntropy: target " + targets[i] + " at index " + i
                        + " is out of range for " + c + " classes (logits shape " + Shape.str(shape) + ")");
            }
        }
        logp = Softmax.along(x, 1, true);
        double total = 0;
        for (int i = 0; i < n; i++) total += logp.getFlat(i * c + targets[i]);
        return x.scalarLike(-total / n);
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // NOTE: softmax as exp(logp) (the vectorised exp kernel), then the one-hot subtracted in
        // place on that fresh tensor: two passes instead of exp, one-hot, sub and div.
        int c = logp.shapeRef()[1];
        Tensor g = logp.exp();
        for (int i = 0; i < targets.length; i++) g.setFlat(i * c + targets[i], g.getFlat(i * c + targets[i]) - 1);
        return new Tensor[] {g.mul(gy.div(targets.length))};
    }
}
