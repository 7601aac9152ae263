package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al. 2014): in training mode each element is zeroed with
 * probability {@code p} and the survivors are scaled by {@code 1 / (1 - p)}; in evaluation mode
 * it is the identity. The masks come from the given generator, so a fixed seed repeats them.
 */
public final class Dropout extends Layer {
    private final double p;
    private final RandomGenerator rng;

    /**
     * Drops with probability {@code p} in {@code [0, 1)}, drawing masks from {@code rng}.
     *
     * @param p the drop probability
     * @param rng the source of the masks
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
     */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = rng;
    }

    /** Any shape to the same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return isTraining() && p > 0 ? Functional.dropout(x, p, rng) : x;
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
