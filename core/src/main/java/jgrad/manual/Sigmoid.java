package jgrad.manual;

import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Sigmoid {@code out = 1 / (1 + exp(-x))}: since {@code dout/dx = out (1 - out)}, forward keeps
 * only its output, and backward is {@code dout * (1 - out) * out}.
 */
public final class Sigmoid implements BackpropLayer {
    private Tensor out;

    /** Creates the layer. */
    public Sigmoid() {}

    /** {@code 1 / (1 + exp(-x))}; keeps the output. */
    @Override
    public Tensor forward(Tensor x) {
        try (var ignored = GradMode.off()) {
            out = x.sigmoid();
            return out;
        }
    }

    /** {@code dout * (1 - out) * out}. */
    @Override
    public Tensor backward(Tensor dout) {
        try (var ignored = GradMode.off()) {
            Tensor y = Nd.fromForward(out, "Sigmoid");
            return dout.mul(y.neg().add(1)).mul(y);
        }
    }
}
