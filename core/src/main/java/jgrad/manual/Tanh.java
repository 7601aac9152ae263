package jgrad.manual;

import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/** Hyperbolic tangent {@code out = tanh(x)}: backward is {@code dout * (1 - out^2)}, from the output alone. */
public final class Tanh implements BackpropLayer {
    private Tensor out;

    /** Creates the layer. */
    public Tanh() {}

    /** {@code tanh(x)}; keeps the output. */
    @Override
    public Tensor forward(Tensor x) {
        try (var ignored = GradMode.off()) {
            out = x.tanh();
            return out;
        }
    }

    /** {@code dout * (1 - out^2)}. */
    @Override
    public Tensor backward(Tensor dout) {
        try (var ignored = GradMode.off()) {
            Tensor y = Nd.fromForward(out, "Tanh");
            return dout.mul(y.mul(y).neg().add(1));
        }
    }
}
