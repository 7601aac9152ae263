package jgrad.nn;

import jgrad.tensor.Tensor;

/** Activation layer {@code y = tanh(x)}, elementwise, for any shape. */
public final class Tanh extends Layer {
    /** Creates the layer; it has no parameters. */
    public Tanh() {}

    /** Applies the activation; the output has the input's shape. */
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
