package jgrad.nn;

import jgrad.tensor.Tensor;

/** Activation layer {@code y = 1 / (1 + exp(-x))}, elementwise, for any shape. */
public final class Sigmoid extends Layer {
    /** Creates the layer; it has no parameters. */
    public Sigmoid() {}

    /** Applies the activation; the output has the input's shape. */
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
