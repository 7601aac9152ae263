package jgrad.manual;

import java.util.Arrays;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Output layer for regression: the identity followed by the sum-of-squared-errors loss, averaged
 * over the batch, {@code L = 0.5 * Σ (y - t)^2 / N} for {@code y, t (N, ...)}. Its backward is
 * simply {@code (y - t) / N}: the identity and the squared error fit together as softmax and cross
 * entropy do.
 */
public final class IdentityWithLoss {
    private Tensor y;
    private Tensor t;

    /** Creates the layer. */
    public IdentityWithLoss() {}

    /**
     * Returns the loss for prediction {@code x} (passed through unchanged) and target {@code t}.
     *
     * @param x the prediction, passed through unchanged
     * @param t the target, the same shape
     * @return the loss
     * @throws IllegalArgumentException if the shapes differ
     */
    public double forward(Tensor x, Tensor t) {
        if (!Arrays.equals(x.shape(), t.shape())) {
            throw new IllegalArgumentException("IdentityWithLoss: prediction " + Arrays.toString(x.shape())
                    + " and target " + Arrays.toString(t.shape()) + " differ");
        }
        this.y = x;
        this.t = t;
        try (var ignored = GradMode.off()) {
            Tensor d = y.sub(t);
            return 0.5 * d.mul(d).sum().item() / y.size(0);
        }
    }

    /**
     * {@return {@code dL/dx = dout * (y - t) / N}; {@code dout} is 1 when this is the final loss}
     *
     * @param dout the upstream gradient, 1 for the final loss
     */
    public Tensor backward(double dout) {
        try (var ignored = GradMode.off()) {
            return Nd.fromForward(y, "IdentityWithLoss").sub(t).mul(dout / y.size(0));
        }
    }

    /** {@return the output {@code y} of the last forward (equal to its input)} */
    public Tensor y() {
        return y;
    }
}
