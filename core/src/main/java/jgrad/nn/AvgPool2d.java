package jgrad.nn;

import jgrad.tensor.Tensor;

/** Average pooling over NCHW input with a square window: {@code (n, c, h, w)} to {@code (n, c, (h - k) / stride + 1, ...)}. */
public final class AvgPool2d extends Layer {
    private final int kernel;
    private final int stride;

    /**
     * Averages {@code kernel x kernel} windows every {@code stride} pixels.
     *
     * @param kernel height and width of a window
     * @param stride pixels between windows
     */
    public AvgPool2d(int kernel, int stride) {
        if (kernel < 1 || stride < 1) throw new IllegalArgumentException("AvgPool2d: need kernel, stride >= 1, got " + kernel + ", " + stride);
        this.kernel = kernel;
        this.stride = stride;
    }

    /** Window means. */
    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool2d(x, kernel, stride);
    }

    @Override
    protected String describe() {
        return "AvgPool2d(kernel=" + kernel + ", stride=" + stride + ")";
    }
}
