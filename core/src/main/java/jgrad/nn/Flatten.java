package jgrad.nn;

import jgrad.tensor.Tensor;

/** Flattens all dimensions after the batch one: {@code (n, c, h, w)} to {@code (n, c * h * w)}, as PyTorch's {@code nn.Flatten()}. */
public final class Flatten extends Layer {
    /** Creates the layer; it has no parameters. */
    public Flatten() {}

    /** {@code (n, ...)} to {@code (n, prod(...))}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(1);
    }
}
