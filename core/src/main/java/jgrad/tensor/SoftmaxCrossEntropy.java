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
    private Object logp; // float[] or double[] (n, c): log-softmax of the logits, kept for backward

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
        double total = 0;
        if (x.dtype() == DType.FLOAT32) {
            float[] lp = new float[n * c];
            jgrad.tensor.kernel.Softmax.logRows(x.floatData(), 0, lp, 0, n, c);
            for (int i = 0; i < n; i++) total += lp[i * c + targets[i]];
            logp = lp;
            return Tensor.wrap(new float[] {(float) (-total / n)}, new int[0]);
        }
        double[] lp = new double[n * c];
        jgrad.tensor.kernel.Softmax.logRows(x.doubleData(), 0, lp, 0, n, c);
        for (int i = 0; i < n; i++) total += lp[i * c + targets[i]];
        logp = lp;
        return Tensor.wrap(new double[] {-total / n}, new int[0]);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int[] shape = input(0).shapeRef();
        int n = shape[0], c = shape[1];
        Tensor g;
        // NOTE: built with a plain loop, not Tensor ops: one pass instead of exp, one-hot, sub, div.
        if (logp instanceof float[] lp) {
            float[] gv = new float[n * c];
            float inv = 1f / n;
            for (int i = 0; i < gv.length; i++) gv[i] = (float) Math.exp(lp[i]) * inv;
            for (int i = 0; i < n; i++) gv[i * c + targets[i]] -= inv;
            g = Tensor.wrap(gv, new int[] {n, c});
        } else {
            double[] lp = (double[]) logp;
            double[] gv = new double[n * c];
            double inv = 1.0 / n;
            for (int i = 0; i < gv.length; i++) gv[i] = Math.exp(lp[i]) * inv;
            for (int i = 0; i < n; i++) gv[i * c + targets[i]] -= inv;
            g = Tensor.wrap(gv, new int[] {n, c});
        }
        return new Tensor[] {g.mul(gy)};
    }
}
