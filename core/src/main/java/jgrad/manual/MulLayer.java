package jgrad.manual;

import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Multiplication node {@code out = x * y} (elementwise, same shapes): the curriculum's first
 * hand-written layer (the apple-shopping example). Backward swaps the inputs:
 * {@code dx = dout * y}, {@code dy = dout * x}.
 */
public final class MulLayer {
    private Tensor x;
    private Tensor y;

    /** Creates the node; it remembers its inputs on forward. */
    public MulLayer() {}

    /**
     * {@return {@code x * y}; keeps both inputs for backward}
     *
     * @param x the input
     * @param y the second input
     */
    public Tensor forward(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
        try (var ignored = GradMode.off()) {
            return x.mul(y);
        }
    }

    /**
     * {@return {@code {dL/dx, dL/dy}} for upstream {@code dout}}
     *
     * @param dout the upstream gradient {@code dL/dout}, of the output's shape
     */
    public Tensor[] backward(Tensor dout) {
        try (var ignored = GradMode.off()) {
            return new Tensor[] {dout.mul(Nd.fromForward(y, "MulLayer")), dout.mul(x)};
        }
    }
}
