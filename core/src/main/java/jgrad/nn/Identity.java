package jgrad.nn;

import jgrad.tensor.Tensor;

/** The layer that returns its input unchanged: a placeholder, or the curriculum's identity output. */
public final class Identity extends Layer {
    /** Creates the layer; it has no parameters. */
    public Identity() {}

    /** Returns {@code x} itself. */
    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
