package jgrad.tensor;

import jgrad.tensor.kernel.Pooling;

/**
 * 2-D max pooling without padding, NCHW: {@code x: (n, c, h, w)} gives {@code y: (n, c, oh, ow)}
 * with {@code oh = (h − kernel) / stride + 1} (likewise {@code ow}); each output is the maximum of
 * its {@code kernel × kernel} window.
 *
 * <p>Backward routes each {@code gy} element to the position of its window's maximum, adding where
 * overlapping windows share one:
 * <pre>
 *   dL/dx[argmax(window_j)] += gy[j]
 * </pre>
 * NOTE: on ties the first maximum in row-major window order wins, as in PyTorch; a NaN counts as
 * the maximum so that it propagates.
 */
final class MaxPool2d extends Op {
    private final int kernel;
    private final int stride;
    private int[] argmax; // flat index into x of each output's maximum: the saved state

    MaxPool2d(int kernel, int stride) {
        this.kernel = kernel;
        this.stride = stride;
    }

    /**
     * Checks a pooling call and returns {@code {n, c, h, w, oh, ow}}.
     *
     * @throws IllegalArgumentException naming {@code op} and the shape when the input is not 4-D,
     *     the window is smaller than 1 or larger than the image, or the stride is below 1
     */
    static int[] geometry(String op, int[] shape, int kernel, int stride) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-D (n, c, h, w), got shape " + Shape.str(shape));
        }
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException(op + ": need kernel >= 1 and stride >= 1, got kernel " + kernel
                    + " and stride " + stride);
        }
        if (shape[2] < kernel || shape[3] < kernel) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(shape) + " is smaller than the "
                    + kernel + "x" + kernel + " window");
        }
        int oh = (shape[2] - kernel) / stride + 1, ow = (shape[3] - kernel) / stride + 1;
        return new int[] {shape[0], shape[1], shape[2], shape[3], oh, ow};
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] g = geometry("maxPool2d", x.shapeRef(), kernel, stride);
        int planes = g[0] * g[1];
        Tensor y = Arena.unfilled(x.dtype(), new int[] {g[0], g[1], g[4], g[5]});
        argmax = Arena.ints(y.numel(), false); // maxForward writes every index
        if (x.dtype() == DType.FLOAT32) {
            Pooling.maxForward(x.floatData(), y.floatData(), argmax, planes, g[2], g[3], kernel, stride);
        } else {
            Pooling.maxForward(x.doubleData(), y.doubleData(), argmax, planes, g[2], g[3], kernel, stride);
        }
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // NOTE: a scatter by saved index in a kernel, not Tensor ops: there is no scatter-add op.
        int[] shape = input(0).shapeRef();
        int planes = shape[0] * shape[1];
        Tensor gx = Tensor.empty(gy.dtype(), shape.clone());
        if (gy.dtype() == DType.FLOAT32) {
            Pooling.maxBackward(gy.floatData(), argmax, gx.floatData(), planes);
        } else {
            Pooling.maxBackward(gy.doubleData(), argmax, gx.doubleData(), planes);
        }
        return new Tensor[] {gx};
    }
}
