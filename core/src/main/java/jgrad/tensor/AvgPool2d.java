package jgrad.tensor;

import jgrad.tensor.kernel.Pooling;

/**
 * 2-D average pooling without padding, NCHW: {@code x: (n, c, h, w)} gives {@code y: (n, c, oh, ow)}
 * with {@code oh = (h − kernel) / stride + 1} (likewise {@code ow}); each output is the mean of its
 * {@code kernel × kernel} window.
 *
 * <p>Backward spreads each {@code gy} element evenly over its window, adding where windows overlap:
 * <pre>
 *   dL/dx[window_j] += gy[j] / kernel²
 * </pre>
 */
final class AvgPool2d extends Op {
    private final int kernel;
    private final int stride;

    AvgPool2d(int kernel, int stride) {
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] g = MaxPool2d.geometry("avgPool2d", x.shapeRef(), kernel, stride);
        Tensor y = Tensor.empty(x.dtype(), new int[] {g[0], g[1], g[4], g[5]});
        if (x.dtype() == DType.FLOAT32) {
            Pooling.avgForward(x.floatData(), y.floatData(), g[0] * g[1], g[2], g[3], kernel, stride);
        } else {
            Pooling.avgForward(x.doubleData(), y.doubleData(), g[0] * g[1], g[2], g[3], kernel, stride);
        }
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // NOTE: a kernel loop, not Tensor ops: there is no windowed scatter-add op to express it with.
        int[] s = input(0).shapeRef();
        Tensor gx = Tensor.empty(gy.dtype(), s.clone());
        if (gy.dtype() == DType.FLOAT32) {
            Pooling.avgBackward(gy.floatData(), gx.floatData(), s[0] * s[1], s[2], s[3], kernel, stride);
        } else {
            Pooling.avgBackward(gy.doubleData(), gx.doubleData(), s[0] * s[1], s[2], s[3], kernel, stride);
        }
        return new Tensor[] {gx};
    }
}
