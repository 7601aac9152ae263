package jgrad.tensor;

import jgrad.tensor.kernel.Parallel;

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

    /** Planes per parallel chunk: about 64K window reads each, fixed by the sizes alone. */
    static int planeGrain(int oh, int ow, int kernel) {
        return Math.max(1, (1 << 16) / Math.max(1, oh * ow * kernel * kernel));
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] g = geometry("maxPool2d", x.shapeRef(), kernel, stride);
        int h = g[2], w = g[3], oh = g[4], ow = g[5], planes = g[0] * g[1];
        int[] arg = new int[planes * oh * ow];
        argmax = arg;
        int kk = kernel, s = stride;
        if (x.dtype() == DType.FLOAT32) {
            float[] xv = x.floatData();
            float[] yv = new float[arg.length];
            Parallel.forRange(planes, planeGrain(oh, ow, kk), (from, to) -> {
                for (int p = from; p < to; p++) {
                    int yo = p * oh * ow;
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            int best = p * h * w + oy * s * w + ox * s;
                            float m = xv[best];
                            for (int i = 0; i < kk; i++) {
                                int row = p * h * w + (oy * s + i) * w + ox * s;
                                for (int j = 0; j < kk; j++) {
                                    float v = xv[row + j];
                                    if (v > m || (v != v && m == m)) {
                                        m = v;
                                        best = row + j;
                                    }
                                }
                            }
                            yv[yo + oy * ow + ox] = m;
                            arg[yo + oy * ow + ox] = best;
                        }
                    }
                }
            });
            return Tensor.wrap(yv, new int[] {g[0], g[1], oh, ow});
        }
        double[] xv = x.doubleData();
        double[] yv = new double[arg.length];
        Parallel.forRange(planes, planeGrain(oh, ow, kk), (from, to) -> {
            for (int p = from; p < to; p++) {
                int yo = p * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int best = p * h * w + oy * s * w + ox * s;
                        double m = xv[best];
                        for (int i = 0; i < kk; i++) {
                            int row = p * h * w + (oy * s + i) * w + ox * s;
                            for (int j = 0; j < kk; j++) {
                                double v = xv[row + j];
                                if (v > m || (v != v && m == m)) {
                                    m = v;
                                    best = row + j;
                                }
                            }
                        }
                        yv[yo + oy * ow + ox] = m;
                        arg[yo + oy * ow + ox] = best;
                    }
                }
            }
        });
        return Tensor.wrap(yv, new int[] {g[0], g[1], oh, ow});
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int[] shape = input(0).shapeRef();
        int[] g = geometry("maxPool2d", shape, kernel, stride);
        int planes = g[0] * g[1], per = g[4] * g[5];
        int[] arg = argmax;
        // NOTE: a scatter by saved index, written as a loop: there is no scatter-add Tensor op.
        // Parallel over planes: a plane's outputs only point into the same plane of x.
        if (gy.dtype() == DType.FLOAT32) {
            float[] gyv = gy.floatData();
            float[] gx = new float[Shape.numel(shape)];
            Parallel.forRange(planes, planeGrain(g[4], g[5], kernel), (from, to) -> {
                for (int j = from * per; j < to * per; j++) gx[arg[j]] += gyv[j];
            });
            return new Tensor[] {Tensor.wrap(gx, shape.clone())};
        }
        double[] gyv = gy.doubleData();
        double[] gx = new double[Shape.numel(shape)];
        Parallel.forRange(planes, planeGrain(g[4], g[5], kernel), (from, to) -> {
            for (int j = from * per; j < to * per; j++) gx[arg[j]] += gyv[j];
        });
        return new Tensor[] {Tensor.wrap(gx, shape.clone())};
    }
}
