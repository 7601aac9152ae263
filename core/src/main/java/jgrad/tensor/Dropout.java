package jgrad.tensor;

import java.util.random.RandomGenerator;

/**
 * Inverted dropout: each element of {@code x} is zeroed with probability {@code p} and the
 * survivors are scaled by {@code 1/(1 − p)}, so the expected output equals {@code x}. Output has
 * the input's shape.
 *
 * <pre>
 *   y = x ⊙ m,   m_i = 1/(1 − p) with probability 1 − p, else 0
 *   dL/dx = gy ⊙ m
 * </pre>
 * The mask {@code m} is the saved state; it is drawn from the caller's generator in row-major
 * order, one {@code nextDouble()} per element, so the same seed gives the same mask in either dtype.
 */
final class Dropout extends Op {
    private final double p;
    private final RandomGenerator rng;
    private Tensor mask;

    Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        }
        if (rng == null) throw new IllegalArgumentException("dropout: rng is null");
        this.p = p;
        this.rng = rng;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        mask = Tensor.empty(x.dtype(), x.shape());
        double scale = 1 / (1 - p);
        for (int i = 0; i < mask.numel(); i++) {
            if (rng.nextDouble() >= p) mask.setFlat(i, scale);
        }
        return x.mul(mask); // x * m also for dropped NaNs (NaN), as PyTorch
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.mul(mask)};
    }

    /** The scaled mask {@code m} of the last forward (for tests and the layer). */
    Tensor mask() {
        return mask;
    }
}
