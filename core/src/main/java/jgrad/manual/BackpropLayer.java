package jgrad.manual;

import jgrad.tensor.Tensor;

/**
 * A layer whose backward pass is written by hand: {@code forward} remembers what the derivative
 * needs, and {@code backward} turns {@code dout = dL/dout} into {@code dL/dx} (storing parameter
 * gradients on the layer, as the curriculum's {@code Affine} does). Call {@code forward} before
 * {@code backward}, once per pass.
 */
public interface BackpropLayer {
    /**
     * Computes the output and keeps what backward needs.
     *
     * @param x the input
     * @return the output, of the shape this layer gives
     */
    Tensor forward(Tensor x);

    /**
     * {@return {@code dL/dx} given {@code dout = dL/dout}, which has the output's shape}
     *
     * @param dout the upstream gradient {@code dL/dout}, of the output's shape
     */
    Tensor backward(Tensor dout);
}
