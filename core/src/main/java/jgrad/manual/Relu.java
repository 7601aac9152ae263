package jgrad.manual;

import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * ReLU {@code out = max(0, x)}: forward remembers where {@code x > 0}; backward lets {@code dout}
 * through there and blocks it elsewhere. NOTE: the gradient at exactly 0 is 0, as in PyTorch.
 */
public final class Relu implements BackpropLayer {
    private Tensor mask;

    /** Creates the layer. */
    public Relu() {}

    /** {@code max(0, x)}; keeps the mask {@code x > 0}. */
    @Override
    public Tensor forward(Tensor x) {
        mask = Nd.positiveMask(x);
        try (var ignored = GradMode.off()) {
            return x.mul(mask);
        }
    }

    /** {@code dout * (x > 0)}. */
    @Override
    public Tensor backward(Tensor dout) {
        try (var ignored = GradMode.off()) {
            return dout.mul(Nd.fromForward(mask, "Relu"));
        }
    }
}
