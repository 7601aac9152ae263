package jgrad.optim;

import java.util.List;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.Parallel;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1): per element, at step {@code t} with
 * {@code g' = g + weightDecay * p},
 * <pre>
 *   m = beta1 m + (1 - beta1) g'
 *   v = beta2 v + (1 - beta2) g'^2
 *   p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 * As in the paper and PyTorch, {@code eps} is added after the square root of the bias-corrected
 * {@code v}. Deviation from the paper: the optional weight decay is coupled L2 (added to the
 * gradient, as PyTorch's {@code Adam}); use {@link AdamW} for decoupled decay. Defaults:
 * {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code eps = 1e-8}.
 *
 * <pre>{@code
 * var adam = new Adam(model.parameters(), 1e-3).betas(0.9, 0.999);
 * }</pre>
 */
public final class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;

    /**
     * Adam with learning rate {@code lr} (1e-3 is the paper's default).
     *
     * @param params the tensors to update, each requiring a gradient
     * @param lr the learning rate, finite and {@code >= 0}
     */
    public Adam(Iterable<? extends Tensor> params, double lr) {
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
    public Adam betas(double beta1, double beta2) {
        requireBetas("Adam", beta1, beta2);
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
    public Adam eps(double eps) {
        this.eps = requirePositive("Adam", "eps", eps);
        return this;
    }

    /**
     * Adds {@code weightDecay * p} to each gradient (coupled L2; see {@link AdamW}); returns this.
     *
     * @param weightDecay the decay factor, {@code >= 0}; 0 turns it off
     * @return this optimizer
     * @throws IllegalArgumentException if negative
     */
    public Adam weightDecay(double weightDecay) {
        this.weightDecay = requireDecay("Adam", weightDecay);
        return this;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("m", "v", "step");
    }

    @Override
    protected void update(int index, double[] p, double[] g, int n) {
        step(this, index, p, g, n, beta1, beta2, eps, weightDecay, 1);
    }

    @Override
    protected void updateFloat(int index, float[] p, float[] g, int n) {
        stepFloat(this, index, p, g, n, beta1, beta2, eps, weightDecay, 1);
    }

    /**
     * Parameters up to this many elements are updated on one thread: about 70 microseconds of
     * work in float64 and 20 in float32 (one thread, measured here), enough to pay for waking a
     * worker. Larger ones are cut into chunks of at most half of it, as many as a multiple of 4
     * ({@link Parallel#balancedGrain}).
     * Every element is updated alone, so the result does not depend on the thread count.
     */
    private static final int GRAIN = 1 << 15;

    /** The chunk size for an update of {@code n} elements: all of them up to {@link #GRAIN}, else balanced chunks. */
    private static int grain(int n) {
        return n <= GRAIN ? n : Parallel.balancedGrain(n, GRAIN / 2);
    }

    /**
     * The Adam step shared with {@link AdamW}: each value is first multiplied by {@code shrink}
     * (AdamW's decoupled decay, with {@code l2 = 0}; exactly 1 for Adam), then updated.
     */
    static void step(Optimizer o, int index, double[] p, double[] g, int n,
                     double beta1, double beta2, double eps, double l2, double shrink) {
        double[] m = o.state(index, "m", n);
        double[] v = o.state(index, "v", n);
        double[] t = o.state(index, "step", 1);
        t[0] += 1;
        double stepSize = o.lr() / (1 - Math.pow(beta1, t[0]));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, t[0]));
        Parallel.forRange(n, grain(n), (from, to) -> {
            for (int j = from; j < to; j++) {
                double pj = p[j] * shrink;
                double gj = g[j] + l2 * pj;
                m[j] = beta1 * m[j] + (1 - beta1) * gj;
                v[j] = beta2 * v[j] + (1 - beta2) * (gj * gj);
                p[j] = pj - stepSize * (m[j] / (Math.sqrt(v[j]) / sqrtCorrection2 + eps));
            }
        });
    }

    /**
     * {@link #step} for float32 parameters, computed in float32 with float32 moments, in the order
     * of PyTorch 1.13's {@code Adam} and {@code AdamW} on the CPU: the constants are rounded to
     * float once per step, then per element (fused multiply-adds where torch's kernels use them)
     * <pre>
     *   p = p * shrink;  g = fma(p, l2, g)
     *   m = fma(g, 1 - beta1, m * beta1);  v = fma((1 - beta2) * g, g, v * beta2)
     *   p = p + (-stepSize) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
     * </pre>
     * It keeps half the state of the float64 rule and runs about 3.5 times as fast (its square
     * root and two divisions dominate); OptimizerGoldenTest checks it against torch bit for bit.
     */
    static void stepFloat(Optimizer o, int index, float[] p, float[] g, int n,
                          double beta1, double beta2, double eps, double l2, double shrink) {
        float[] m = o.floatState(index, "m", n);
        float[] v = o.floatState(index, "v", n);
        double[] t = o.state(index, "step", 1);
        t[0] += 1;
        float stepSize = (float) (o.lr() / (1 - Math.pow(beta1, t[0])));
        float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, t[0]));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float rest1 = (float) (1 - beta1);
        float rest2 = (float) (1 - beta2);
        float e = (float) eps;
        float decay = (float) l2;
        float keep = (float) shrink;
        Parallel.forRange(n, grain(n), (from, to) -> {
            for (int j = from; j < to; j++) {
                float pj = p[j] * keep;
                float gj = Math.fma(pj, decay, g[j]);
                float mj = Math.fma(gj, rest1, m[j] * b1);
                float vj = Math.fma(rest2 * gj, gj, v[j] * b2);
                m[j] = mj;
                v[j] = vj;
                p[j] = pj + -stepSize * mj / ((float) Math.sqrt(vj) / correction2 + e);
            }
        });
    }

    static void requireBetas(String who, double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(who + ": betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
    }

    static double requirePositive(String who, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException(who + ": " + name + " must be positive, got " + value);
        return value;
    }

    static double requireDecay(String who, double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(who + ": weight decay must be finite and >= 0, got " + weightDecay);
        }
        return weightDecay;
    }
}
