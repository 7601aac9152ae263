package jgrad.tensor;

import jgrad.tensor.kernel.Parallel;

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
        int h = g[2], w = g[3], oh = g[4], ow = g[5], planes = g[0] * g[1];
        int kk = kernel, s = stride;
        double scale = 1.0 / (kk * kk);
        if (x.dtype() == DType.FLOAT32) {
            float[] xv = x.floatData();
            float[] yv = new float[planes * oh * ow];
            Parallel.forRange(planes, MaxPool2d.planeGrain(oh, ow, kk), (from, to) -> {
                for (int p = from; p < to; p++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            float sum = 0;
                            for (int i = 0; i < kk; i++) {
                                int row = p * h * w + (oy * s + i) * w + ox * s;
                                for (int j = 0; j < kk; j++) sum += xv[row + j];
                            }
                            yv[(p * oh + oy) * ow + ox] = (float) (sum * scale);
                        }
                    }
                }
            });
            return Tensor.wrap(yv, new int[] {g[0], g[1], oh, ow});
        }
        double[] xv = x.doubleData();
        double[] yv = new double[planes * oh * ow];
        Parallel.forRange(planes, MaxPool2d.planeGrain(oh, ow, kk), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = 0;
                        for (int i = 0; i < kk; i++) {
                            int row = p * h * w + (oy * s + i) * w + ox * s;
                            for (int j = 0; j < kk; j++) sum += xv[row + j];
                        }
                        yv[(p * oh + oy) * ow + ox] = sum * scale;
                    }
                }
            }
        });
        return Tensor.wrap(yv, new int[] {g[0], g[1], oh, ow});
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        int[] shape = input(0).shapeRef();
        int[] g = MaxPool2d.geometry("avgPool2d", shape, kernel, stride);
        int h = g[2], w = g[3], oh = g[4], ow = g[5], planes = g[0] * g[1];
        int kk = kernel, s = stride;
        double scale = 1.0 / (kk * kk);
        // NOTE: a loop rather than Tensor ops: there is no windowed scatter-add op to express it with.
        if (gy.dtype() == DType.FLOAT32) {
            float[] gyv = gy.floatData();
            float[] gx = new float[Shape.numel(shape)];
            Parallel.forRange(planes, MaxPool2d.planeGrain(oh, ow, kk), (from, to) -> {
                for (int p = from; p < to; p++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            float gv = (float) (gyv[(p * oh + oy) * ow + ox] * scale);
                            for (int i = 0; i < kk; i++) {
                                int row = p * h * w + (oy * s + i) * w + ox * s;
                                for (int j = 0; j < kk; j++) gx[row + j] += gv;
                            }
                        }
                    }
                }
            });
            return new Tensor[] {Tensor.wrap(gx, shape.clone())};
        }
        double[] gyv = gy.doubleData();
        double[] gx = new double[Shape.numel(shape)];
        Parallel.forRange(planes, MaxPool2d.planeGrain(oh, ow, kk), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double gv = gyv[(p * oh + oy) * ow + ox] * scale;
                        for (int i = 0; i < kk; i++) {
                            int row = p * h * w + (oy * s + i) * w + ox * s;
                            for (int j = 0; j < kk; j++) gx[row + j] += gv;
                        }
                    }
                }
            }
        });
        return new Tensor[] {Tensor.wrap(gx, shape.clone())};
    }
}
