package jgrad.optim;

import java.util.List;
import jgrad.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, Algorithm 2): each step first
 * shrinks the parameters, {@code p -= lr * weightDecay * p}, then takes the {@link Adam} step
 * without adding the decay to the gradient. Deviation from the paper, as in PyTorch: the decay is
 * scaled by {@code lr} instead of a separate schedule multiplier. Defaults as PyTorch:
 * {@code weightDecay = 0.01}, {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code eps = 1e-8}.
 */
public final class AdamW extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = 0.01;

    /**
     * AdamW with learning rate {@code lr} and weight decay 0.01.
     *
     * @param params the tensors to update, each requiring a gradient
     * @param lr the learning rate, finite and {@code >= 0}
     */
    public AdamW(Iterable<? extends Tensor> params, double lr) {
        super(params, lr);
    }

    /**
     * Sets the decay rates of the first and second moment estimates, each in {@code [0, 1)}; returns this.
     *
     * @param beta1 the decay of the first-moment (mean) estimate
     * @param beta2 the decay of the second-moment estimate
     * @return this optimizer
     * @throws IllegalArgumentException if out of range
     */
    public AdamW betas(double beta1, double beta2) {
        Adam.requireBetas("AdamW", beta1, beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /**
     * Sets the term added to the root for stability; returns this.
     *
     * @param eps added to the root of the second-moment estimate, {@code > 0}
     * @return this optimizer
     * @throws IllegalArgumentException if not positive
     */
    public AdamW eps(double eps) {
        this.eps = Adam.requirePositive("AdamW", "eps", eps);
        return this;
    }

    /**
     * Sets the decoupled weight decay; returns this.
     *
     * @param weightDecay the decay factor, {@code >= 0}; 0 turns it off
     * @return this optimizer
     * @throws IllegalArgumentException if negative
     */
    public AdamW weightDecay(double weightDecay) {
        this.weightDecay = Adam.requireDecay("AdamW", weightDecay);
        return this;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("m", "v", "step");
    }

    @Override
    protected void update(int index, double[] p, double[] g, int n) {
        Adam.step(this, index, p, g, n, beta1, beta2, eps, 0, 1 - lr() * weightDecay);
    }

    @Override
    protected void updateFloat(int index, float[] p, float[] g, int n) {
        Adam.stepFloat(this, index, p, g, n, beta1, beta2, eps, 0, 1 - lr() * weightDecay);
    }
}
