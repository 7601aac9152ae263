package jgrad.manual;

import java.util.Arrays;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Output layer for classification: softmax followed by the cross-entropy loss, averaged over the
 * batch, for scores {@code x (N, classes)}. Together their backward is just
 * {@code (softmax(x) - t) / N} with {@code t} one-hot, the reason the curriculum fuses them.
 * Deviation: the loss is computed as {@code -Σ t log_softmax(x) / N} instead of
 * {@code -Σ t log(y + 1e-7) / N}, so it is exact and never infinite.
 */
public final class SoftmaxWithLoss {
    private Tensor y;
    private Tensor t;

    /** Creates the layer. */
    public SoftmaxWithLoss() {}

    /**
     * The loss for scores {@code x (N, classes)} and class labels {@code t} (length N).
     *
     * @param x scores before the softmax, {@code (N, classes)}
     * @param t the class of each row, N values
     * @return the mean cross-entropy loss
     * @throws IllegalArgumentException if the sizes differ or a label is out of range
     */
    public double forward(Tensor x, int[] t) {
        if (x.ndim() != 2 || x.size(0) != t.length) {
            throw new IllegalArgumentException("SoftmaxWithLoss: scores " + Arrays.toString(x.shape()) + " and "
                    + t.length + " labels do not fit (need (N, classes) and N labels)");
        }
        return forward(x, Tensor.oneHot(t, x.size(1)).to(x.dtype()));
    }

    /**
     * The loss for scores {@code x (N, classes)} and one-hot (or probability) targets of the same shape.
     *
     * @param x scores before the softmax, {@code (N, classes)}
     * @param t one-hot or probability rows, {@code (N, classes)}
     * @return the mean cross-entropy loss
     * @throws IllegalArgumentException if the shapes differ
     */
    public double forward(Tensor x, Tensor t) {
        if (x.ndim() != 2 || !Arrays.equals(x.shape(), t.shape())) {
            throw new IllegalArgumentException("SoftmaxWithLoss: scores " + Arrays.toString(x.shape()) + " and targets "
                    + Arrays.toString(t.shape()) + " do not fit (need the same (N, classes))");
        }
        this.t = t;
        try (var ignored = GradMode.off()) {
            this.y = x.softmax(1);
            return -t.mul(x.logSoftmax(1)).sum().item() / x.size(0);
        }
    }

    /**
     * {@return {@code dL/dx = dout * (y - t) / N}; {@code dout} is 1 when this is the final loss}
     *
     * @param dout the upstream gradient, 1 for the final loss
     */
    public Tensor backward(double dout) {
        try (var ignored = GradMode.off()) {
            return Nd.fromForward(y, "SoftmaxWithLoss").sub(t).mul(dout / y.size(0));
        }
    }

    /** {@return the softmax probabilities {@code y (N, classes)} of the last forward} */
    public Tensor y() {
        return y;
    }
}
