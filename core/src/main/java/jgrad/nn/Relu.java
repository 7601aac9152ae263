package jgrad.nn;

import jgrad.tensor.Tensor;

/** Activation layer {@code y = max(0, x)}, elementwise, for any shape; the gradient at 0 is taken as 0, as in PyTorch. */
public final class Relu extends Layer {
    /** Creates the layer; it has no parameters. */
    public Relu() {}

    /** Applies the activation; the output has the input's shape. */
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
