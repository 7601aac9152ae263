package jgrad.nn;

import jgrad.tensor.Tensor;

/**
 * A tensor that a {@link Layer} owns and an optimizer updates: a leaf that always requires a
 * gradient. It is a {@link Tensor}, so {@code model.parameters()} can be handed to an optimizer.
 */
public final class Parameter extends Tensor {
    /**
     * A new leaf parameter holding a copy of {@code initial}'s dtype, shape and values.
     *
     * @param initial the values to start from (copied)
     */
    public Parameter(Tensor initial) {
        super(initial);
        requiresGrad(true);
    }
}
