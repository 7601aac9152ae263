package jgrad.optim;

import java.util.List;
import jgrad.tensor.Tensor;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011, the diagonal form of eq. 2, as in PyTorch): per element,
 * with {@code g' = g + weightDecay * p},
 * <pre>
 *   h += g'^2
 *   p -= lr * g' / (sqrt(h) + eps)
 * </pre>
 * Deviations from the paper: {@code eps} (absent there) keeps the first steps finite; it defaults
 * to 1e-10 as in PyTorch (the curriculum uses 1e-7, also outside the root). PyTorch's
 * learning-rate decay and initial accumulator value are not provided (both 0 here).
 */
public final class AdaGrad extends Optimizer {
    private double eps = 1e-10;
    private double weightDecay;

    /**
     * AdaGrad with learning rate {@code lr} (0.01 is PyTorch's default).
     *
     * @param params the tensors to update, each requiring a gradient
     * @param lr the learning rate, finite and {@code >= 0}
     */
    public AdaGrad(Iterable<? extends Tensor> params, double lr) {
        super(params, lr);
    }

    /**
     * Sets the term added to the root for stability; returns this.
     *
     * @param eps added to the root of the summed squared gradients, {@code > 0}
     * @return this optimizer
     * @throws IllegalArgumentException if not positive
     */
    public AdaGrad eps(double eps) {
        this.eps = Adam.requirePositive("AdaGrad", "eps", eps);
        return this;
    }

    /**
     * Adds {@code weightDecay * p} to each gradient (L2 regularisation); returns this.
     *
     * @param weightDecay the decay factor, {@code >= 0}; 0 turns it off
     * @return this optimizer
     * @throws IllegalArgumentException if negative
     */
    public AdaGrad weightDecay(double weightDecay) {
        this.weightDecay = Adam.requireDecay("AdaGrad", weightDecay);
        return this;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("sum");
    }

    @Override
    protected void update(int index, double[] p, double[] g, int n) {
        double lr = lr();
        double[] h = state(index, "sum", n);
        for (int j = 0; j < n; j++) {
            double gj = g[j] + weightDecay * p[j];
            h[j] += gj * gj;
            p[j] -= lr * (gj / (Math.sqrt(h[j]) + eps));
        }
    }

    // the rule of update() on float arrays: each element read as double, computed alike, rounded once
    @Override
    protected void updateFloat(int index, float[] p, float[] g, int n) {
        double lr = lr();
        double[] h = state(index, "sum", n);
        for (int j = 0; j < n; j++) {
            double pj = p[j];
            double gj = g[j] + weightDecay * pj;
            h[j] += gj * gj;
            p[j] = (float) (pj - lr * (gj / (Math.sqrt(h[j]) + eps)));
        }
    }
}
