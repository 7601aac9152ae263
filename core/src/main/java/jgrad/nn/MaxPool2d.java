package jgrad.nn;

import jgrad.tensor.Tensor;

/** Max pooling over NCHW input with a square window: {@code (n, c, h, w)} to {@code (n, c, (h - k) / stride + 1, ...)}. */
public final class MaxPool2d extends Layer {
    private final int kernel;
    private final int stride;

    /**
     * Pools {@code kernel x kernel} windows every {@code stride} pixels.
     *
     * @param kernel height and width of a window
     * @param stride pixels between windows
     */
    public MaxPool2d(int kernel, int stride) {
        if (kernel < 1 || stride < 1) throw new IllegalArgumentException("MaxPool2d: need kernel, stride >= 1, got " + kernel + ", " + stride);
        this.kernel = kernel;
        this.stride = stride;
    }

    /** Window maxima; the gradient goes to the position of each maximum. */
    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernel, stride);
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    @Override
    protected String describe() {
        return "MaxPool2d(kernel=" + kernel + ", stride=" + stride + ")";
    }
}
