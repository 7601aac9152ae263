package jgrad.optim;

import java.util.List;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.Elementwise;

/**
 * Stochastic gradient descent {@code p -= lr * g} (Robbins &amp; Monro 1951), with optional weight
 * decay, momentum and Nesterov momentum in PyTorch's formulation (Sutskever et al. 2013, eq. 1-4,
 * rewritten): with {@code g' = g + weightDecay * p},
 * <pre>
 *   buf = g'                                   (first step)
 *   buf = momentum * buf + (1 - dampening) g'  (later steps)
 *   p  -= lr * buf                             (momentum)
 *   p  -= lr * (g' + momentum * buf)           (Nesterov)
 * </pre>
 * Deviation: the curriculum's {@code Momentum} keeps {@code v = momentum v - lr g} and adds it;
 * that is the same update while {@code lr} is constant, but here {@code lr} may change between
 * steps without rescaling the buffer.
 *
 * <pre>{@code
 * var sgd = new Sgd(model.parameters(), 0.1).momentum(0.9).weightDecay(5e-4);
 * }</pre>
 */
public final class Sgd extends Optimizer {
    private double momentum;
    private double dampening;
    private double weightDecay;
    private boolean nesterov;

    /**
     * Plain SGD with learning rate {@code lr}.
     *
     * @param params the tensors to update, each requiring a gradient
     * @param lr the learning rate, finite and {@code >= 0}
     */
    public Sgd(Iterable<? extends Tensor> params, double lr) {
        super(params, lr);
    }

    /**
     * Turns on (heavy-ball) momentum with coefficient {@code momentum} in {@code [0, 1)}; returns this.
     *
     * @param momentum the factor of the previous velocity
     * @return this optimizer
     * @throws IllegalArgumentException if {@code momentum} is out of range
     */
    public Sgd momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("Sgd: momentum must be in [0, 1), got " + momentum);
        this.momentum = momentum;
        this.nesterov = false;
        return this;
    }

    /**
     * Turns on Nesterov momentum with coefficient {@code momentum} in {@code (0, 1)}; returns this.
     *
     * @param momentum the factor of the previous velocity
     * @return this optimizer
     * @throws IllegalArgumentException if {@code momentum} is out of range or dampening is set
     */
    public Sgd nesterov(double momentum) {
        if (!(momentum > 0 && momentum < 1)) throw new IllegalArgumentException("Sgd: Nesterov momentum must be in (0, 1), got " + momentum);
        if (dampening != 0) throw new IllegalArgumentException("Sgd: Nesterov momentum needs dampening 0, got " + dampening);
        this.momentum = momentum;
        this.nesterov = true;
        return this;
    }

    /**
     * Scales the gradient's contribution to the momentum buffer by {@code 1 - dampening}; returns this.
     *
     * @param dampening the share of each new gradient left out of the momentum buffer
     * @return this optimizer
     * @throws IllegalArgumentException if out of {@code [0, 1]} or combined with Nesterov momentum
     */
    public Sgd dampening(double dampening) {
        if (!(dampening >= 0 && dampening <= 1)) throw new IllegalArgumentException("Sgd: dampening must be in [0, 1], got " + dampening);
        if (nesterov && dampening != 0) throw new IllegalArgumentException("Sgd: Nesterov momentum needs dampening 0, got " + dampening);
        this.dampening = dampening;
        return this;
    }

    /**
     * Adds {@code weightDecay * p} to each gradient (L2 regularisation); returns this.
     *
     * @param weightDecay the decay factor, {@code >= 0}; 0 turns it off
     * @return this optimizer
     * @throws IllegalArgumentException if negative
     */
    public Sgd weightDecay(double weightDecay) {
        this.weightDecay = Adam.requireDecay("Sgd", weightDecay);
        return this;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("momentum");
    }

    @Override
    protected void update(int index, double[] p, double[] g, int n) {
        double lr = lr();
        if (momentum == 0) {
            for (int j = 0; j < n; j++) p[j] -= lr * (g[j] + weightDecay * p[j]);
            return;
        }
        boolean first = !hasState(index, "momentum");
        double[] buf = state(index, "momentum", n);
        for (int j = 0; j < n; j++) {
            double gj = g[j] + weightDecay * p[j];
            buf[j] = first ? gj : momentum * buf[j] + (1 - dampening) * gj;
            p[j] -= lr * (nesterov ? gj + momentum * buf[j] : buf[j]);
        }
    }

    // the rule of update() on float arrays: each element read as double, computed alike, rounded once
    @Override
    protected void updateFloat(int index, float[] p, float[] g, int n) {
        double lr = lr();
        double wd = weightDecay;
        if (momentum == 0) { // p[j] = (float) (p[j] - lr * (g[j] + wd * p[j])), vectorised
            Elementwise.sgd(p, 0, g, 0, n, lr, wd);
            return;
        }
        boolean first = !hasState(index, "momentum");
        double[] buf = state(index, "momentum", n);
        double mu = momentum;
        double keep = 1 - dampening;
        for (int j = 0; j < n; j++) {
            double pj = p[j];
            double gj = g[j] + wd * pj;
            buf[j] = first ? gj : mu * buf[j] + keep * gj;
            p[j] = (float) (pj - lr * (nesterov ? gj + mu * buf[j] : buf[j]));
        }
    }
}
