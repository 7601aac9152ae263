package jgrad.optim;

import java.util.List;
import jgrad.tensor.Tensor;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, Coursera lecture 6e; PyTorch's form): per element, with
 * {@code g' = g + weightDecay * p},
 * <pre>
 *   s = alpha * s + (1 - alpha) g'^2
 *   p -= lr * g' / (sqrt(s) + eps)                    (no momentum)
 *   buf = momentum * buf + g' / (sqrt(s) + eps);  p -= lr * buf   (momentum)
 * </pre>
 * Defaults as PyTorch: {@code alpha = 0.99}, {@code eps = 1e-8}; the curriculum's version is the
 * same with {@code eps = 1e-7}. The centred variant is not provided.
 */
public final class RmsProp extends Optimizer {
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private double weightDecay;

    /**
     * RMSProp with learning rate {@code lr} (0.01 is PyTorch's default).
     *
     * @param params the tensors to update, each requiring a gradient
     * @param lr the learning rate, finite and {@code >= 0}
     */
    public RmsProp(Iterable<? extends Tensor> params, double lr) {
        super(params, lr);
    }

    /**
     * Sets the decay of the squared-gradient average, in {@code [0, 1)}; returns this.
     *
     * @param alpha the decay of the average of squared gradients
     * @return this optimizer
     * @throws IllegalArgumentException if out of range
     */
    public RmsProp alpha(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) throw new IllegalArgumentException("RmsProp: alpha must be in [0, 1), got " + alpha);
        this.alpha = alpha;
        return this;
    }

    /**
     * Sets the term added to the root for stability; returns this.
     *
     * @param eps added to the root of the average of squared gradients, {@code > 0}
     * @return this optimizer
     * @throws IllegalArgumentException if not positive
     */
    public RmsProp eps(double eps) {
        this.eps = Adam.requirePositive("RmsProp", "eps", eps);
        return this;
    }

    /**
     * Turns on momentum on the scaled step, in {@code [0, 1)}; returns this.
     *
     * @param momentum the factor of the previous velocity
     * @return this optimizer
     * @throws IllegalArgumentException if out of range
     */
    public RmsProp momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("RmsProp: momentum must be in [0, 1), got " + momentum);
        this.momentum = momentum;
        return this;
    }

    /**
     * Adds {@code weightDecay * p} to each gradient (L2 regularisation); returns this.
     *
     * @param weightDecay the decay factor, {@code >= 0}; 0 turns it off
     * @return this optimizer
     * @throws IllegalArgumentException if negative
     */
    public RmsProp weightDecay(double weightDecay) {
        this.weightDecay = Adam.requireDecay("RmsProp", weightDecay);
        return this;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("square_avg", "momentum");
    }

    @Override
    protected void update(int index, double[] p, double[] g, int n) {
        double lr = lr();
        double[] s = state(index, "square_avg", n);
        double[] buf = momentum > 0 ? state(index, "momentum", n) : null;
        for (int j = 0; j < n; j++) {
            double gj = g[j] + weightDecay * p[j];
            s[j] = alpha * s[j] + (1 - alpha) * (gj * gj);
            double scaled = gj / (Math.sqrt(s[j]) + eps);
            if (buf == null) {
                p[j] -= lr * scaled;
            } else {
                buf[j] = momentum * buf[j] + scaled;
                p[j] -= lr * buf[j];
            }
        }
    }

    // the rule of update() on float arrays: each element read as double, computed alike, rounded once
    @Override
    protected void updateFloat(int index, float[] p, float[] g, int n) {
        double lr = lr();
        double[] s = state(index, "square_avg", n);
        double[] buf = momentum > 0 ? state(index, "momentum", n) : null;
        for (int j = 0; j < n; j++) {
            double pj = p[j];
            double gj = g[j] + weightDecay * pj;
            s[j] = alpha * s[j] + (1 - alpha) * (gj * gj);
            double scaled = gj / (Math.sqrt(s[j]) + eps);
            if (buf == null) {
                p[j] = (float) (pj - lr * scaled);
            } else {
                buf[j] = momentum * buf[j] + scaled;
                p[j] = (float) (pj - lr * buf[j]);
            }
        }
    }
}
