package jgrad.tensor;

import jgrad.tensor.kernel.Gemm;
import jgrad.tensor.kernel.Im2Col;
import jgrad.tensor.kernel.Parallel;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) of a batch of images in NCHW layout:
 * {@code x: (n, c, h, w)}, weight {@code w: (o, c, kh, kw)}, optional bias {@code b: (o)}, giving
 * {@code y: (n, o, oh, ow)} with {@code oh = (h + 2·padding − kh) / stride + 1} (likewise {@code ow}).
 *
 * <p>Each image is unfolded by im2col into {@code col_i: (c·kh·kw, oh·ow)}, so the convolution is
 * one GEMM per image, {@code y_i = w · col_i + b} with {@code w} viewed as {@code (o, c·kh·kw)}.
 * Backward, with {@code gy_i = dL/dy_i} viewed as {@code (o, oh·ow)}:
 * <pre>
 *   dL/dw = Σ_i gy_i col_iᵀ
 *   dL/dx_i = col2im(wᵀ gy_i)       (col2im adds overlapping patches back: the adjoint of im2col)
 *   dL/db = Σ_i Σ_pixels gy_i
 * </pre>
 * Forward and backward call the kernels directly (not Tensor ops) for speed; images are split into
 * chunks whose bounds depend only on the batch size, and per-chunk weight gradients are summed in
 * chunk order, so results are identical for any thread count.
 */
final class Conv2d extends Op {
    private final int stride;
    private final int padding;
    // Geometry, set by forward: batch, channels, height, width, out channels, kernel, output.
    private int n, c, h, wd, o, kh, kw, oh, ow, k, l, grain;
    private boolean pointwise; // 1x1 kernel, stride 1, no padding: col_i is the image itself

    Conv2d(int stride, int padding) {
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0], w = xs[1], b = xs.length > 2 ? xs[2] : null;
        int[] xs4 = x.shapeRef(), ws4 = w.shapeRef();
        if (xs4.length != 4) {
            throw new IllegalArgumentException("conv2d: input must be 4-D (n, c, h, w), got shape " + Shape.str(xs4));
        }
        if (ws4.length != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-D (out, in, kh, kw), got shape " + Shape.str(ws4));
        }
        if (xs4[1] != ws4[1]) {
            throw new IllegalArgumentException("conv2d: input " + Shape.str(xs4) + " has " + xs4[1]
                    + " channels but weight " + Shape.str(ws4) + " expects " + ws4[1]);
        }
        if (b != null && (b.shapeRef().length != 1 || b.shapeRef()[0] != ws4[0])) {
            throw new IllegalArgumentException("conv2d: bias " + Shape.str(b.shapeRef()) + " does not match weight "
                    + Shape.str(ws4) + " (need [" + ws4[0] + "])");
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d: need stride >= 1 and padding >= 0, got stride " + stride
                    + " and padding " + padding);
        }
        n = xs4[0]; c = xs4[1]; h = xs4[2]; wd = xs4[3];
        o = ws4[0]; kh = ws4[2]; kw = ws4[3];
        if (h + 2 * padding < kh || wd + 2 * padding < kw || kh == 0 || kw == 0) {
            throw new IllegalArgumentException("conv2d: input " + Shape.str(xs4) + " with padding " + padding
                    + " is smaller than the " + kh + "x" + kw + " kernel of weight " + Shape.str(ws4));
        }
        oh = Im2Col.outSize(h, kh, stride, padding);
        ow = Im2Col.outSize(wd, kw, stride, padding);
        k = c * kh * kw;
        l = oh * ow;
        pointwise = kh == 1 && kw == 1 && stride == 1 && padding == 0;
        grain = Math.max(1, (n + 15) / 16); // at most 16 chunks, fixed by the batch size alone
        return x.dtype() == DType.FLOAT32 ? forwardF(x, w, b) : forwardD(x, w, b);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return gy.dtype() == DType.FLOAT32 ? backwardF(gy) : backwardD(gy);
    }

    private Tensor forwardF(Tensor x, Tensor w, Tensor b) {
        float[] xv = x.floatData(), wv = w.floatData(), bv = b == null ? null : b.floatData();
        float[] yv = new float[n * o * l];
        int inSize = c * h * wd, outSize = o * l;
        Parallel.forRange(n, grain, (from, to) -> {
            float[] col = pointwise ? null : new float[k * l]; // reused by every image of the chunk
            for (int i = from; i < to; i++) {
                float[] src = xv;
                int srcOff = i * inSize;
                if (!pointwise) {
                    Im2Col.im2col(xv, i * inSize, c, h, wd, kh, kw, stride, padding, col, 0);
                    src = col;
                    srcOff = 0;
                }
                // y_i (o, l) = w (o, k) · col_i (k, l)
                Gemm.sgemm(false, false, o, l, k, wv, 0, src, srcOff, yv, i * outSize, false);
                if (bv != null) {
                    for (int oc = 0; oc < o; oc++) {
                        float bias = bv[oc];
                        int off = i * outSize + oc * l;
                        for (int j = 0; j < l; j++) yv[off + j] += bias;
                    }
                }
            }
        });
        return Tensor.wrap(yv, new int[] {n, o, oh, ow});
    }

    private Tensor[] backwardF(Tensor gy) {
        float[] xv = input(0).floatData(), wv = input(1).floatData(), gyv = gy.floatData();
        boolean needX = needsGrad(0), needW = needsGrad(1), needB = inputCount() > 2 && needsGrad(2);
        int inSize = c * h * wd, outSize = o * l;
        float[] gx = needX ? new float[n * inSize] : null;
        int chunks = (n + grain - 1) / grain; // as Parallel.forRange cuts [0, n)
        float[][] gwPart = new float[chunks][];
        double[][] gbPart = new double[chunks][];
        Parallel.forRange(n, grain, (from, to) -> {
            float[] col = needW && !pointwise ? new float[k * l] : null;
            float[] gcol = needX && !pointwise ? new float[k * l] : null;
            float[] gw = needW ? new float[o * k] : null;
            double[] gb = needB ? new double[o] : null;
            for (int i = from; i < to; i++) {
                int gyOff = i * outSize;
                if (needW) {
                    float[] src = xv;
                    int srcOff = i * inSize;
                    if (!pointwise) {
                        Im2Col.im2col(xv, i * inSize, c, h, wd, kh, kw, stride, padding, col, 0);
                        src = col;
                        srcOff = 0;
                    }
                    // gw (o, k) += gy_i (o, l) · col_iᵀ (l, k)
                    Gemm.sgemm(false, true, o, k, l, gyv, gyOff, src, srcOff, gw, 0, true);
                }
                if (needX) {
                    // gcol_i (k, l) = wᵀ (k, o) · gy_i (o, l), folded back onto the image by col2im
                    if (pointwise) {
                        Gemm.sgemm(true, false, k, l, o, wv, 0, gyv, gyOff, gx, i * inSize, false);
                    } else {
                        Gemm.sgemm(true, false, k, l, o, wv, 0, gyv, gyOff, gcol, 0, false);
                        Im2Col.col2im(gcol, 0, c, h, wd, kh, kw, stride, padding, gx, i * inSize);
                    }
                }
                if (needB) {
                    for (int oc = 0; oc < o; oc++) {
                        double s = 0;
                        int off = gyOff + oc * l;
                        for (int j = 0; j < l; j++) s += gyv[off + j];
                        gb[oc] += s;
                    }
                }
            }
            gwPart[from / grain] = gw;
            gbPart[from / grain] = gb;
        });
        // Partial sums are combined in chunk order, so the result does not depend on the thread count.
        Tensor[] grads = new Tensor[inputCount()];
        if (needX) grads[0] = Tensor.wrap(gx, new int[] {n, c, h, wd});
        if (needW) {
            float[] gw = new float[o * k];
            for (int p = 0; p < chunks; p++) {
                for (int j = 0; j < gw.length; j++) gw[j] += gwPart[p][j];
            }
            grads[1] = Tensor.wrap(gw, new int[] {o, c, kh, kw});
        }
        if (needB) {
            float[] gb = new float[o];
            for (int oc = 0; oc < o; oc++) {
                double s = 0;
                for (int p = 0; p < chunks; p++) s += gbPart[p][oc];
                gb[oc] = (float) s;
            }
            grads[2] = Tensor.wrap(gb, new int[] {o});
        }
        return grads;
    }

    private Tensor forwardD(Tensor x, Tensor w, Tensor b) {
        double[] xv = x.doubleData(), wv = w.doubleData(), bv = b == null ? null : b.doubleData();
        double[] yv = new double[n * o * l];
        int inSize = c * h * wd, outSize = o * l;
        Parallel.forRange(n, grain, (from, to) -> {
            double[] col = pointwise ? null : new double[k * l]; // reused by every image of the chunk
            for (int i = from; i < to; i++) {
                double[] src = xv;
                int srcOff = i * inSize;
                if (!pointwise) {
                    Im2Col.im2col(xv, i * inSize, c, h, wd, kh, kw, stride, padding, col, 0);
                    src = col;
                    srcOff = 0;
                }
                // y_i (o, l) = w (o, k) · col_i (k, l)
                Gemm.dgemm(false, false, o, l, k, wv, 0, src, srcOff, yv, i * outSize, false);
                if (bv != null) {
                    for (int oc = 0; oc < o; oc++) {
                        double bias = bv[oc];
                        int off = i * outSize + oc * l;
                        for (int j = 0; j < l; j++) yv[off + j] += bias;
                    }
                }
            }
        });
        return Tensor.wrap(yv, new int[] {n, o, oh, ow});
    }

    private Tensor[] backwardD(Tensor gy) {
        double[] xv = input(0).doubleData(), wv = input(1).doubleData(), gyv = gy.doubleData();
        boolean needX = needsGrad(0), needW = needsGrad(1), needB = inputCount() > 2 && needsGrad(2);
        int inSize = c * h * wd, outSize = o * l;
        double[] gx = needX ? new double[n * inSize] : null;
        int chunks = (n + grain - 1) / grain; // as Parallel.forRange cuts [0, n)
        double[][] gwPart = new double[chunks][];
        double[][] gbPart = new double[chunks][];
        Parallel.forRange(n, grain, (from, to) -> {
            double[] col = needW && !pointwise ? new double[k * l] : null;
            double[] gcol = needX && !pointwise ? new double[k * l] : null;
            double[] gw = needW ? new double[o * k] : null;
            double[] gb = needB ? new double[o] : null;
            for (int i = from; i < to; i++) {
                int gyOff = i * outSize;
                if (needW) {
                    double[] src = xv;
                    int srcOff = i * inSize;
                    if (!pointwise) {
                        Im2Col.im2col(xv, i * inSize, c, h, wd, kh, kw, stride, padding, col, 0);
                        src = col;
                        srcOff = 0;
                    }
                    // gw (o, k) += gy_i (o, l) · col_iᵀ (l, k)
                    Gemm.dgemm(false, true, o, k, l, gyv, gyOff, src, srcOff, gw, 0, true);
                }
                if (needX) {
                    // gcol_i (k, l) = wᵀ (k, o) · gy_i (o, l), folded back onto the image by col2im
                    if (pointwise) {
                        Gemm.dgemm(true, false, k, l, o, wv, 0, gyv, gyOff, gx, i * inSize, false);
                    } else {
                        Gemm.dgemm(true, false, k, l, o, wv, 0, gyv, gyOff, gcol, 0, false);
                        Im2Col.col2im(gcol, 0, c, h, wd, kh, kw, stride, padding, gx, i * inSize);
                    }
                }
                if (needB) {
                    for (int oc = 0; oc < o; oc++) {
                        double s = 0;
                        int off = gyOff + oc * l;
                        for (int j = 0; j < l; j++) s += gyv[off + j];
                        gb[oc] += s;
                    }
                }
            }
            gwPart[from / grain] = gw;
            gbPart[from / grain] = gb;
        });
        // Partial sums are combined in chunk order, so the result does not depend on the thread count.
        Tensor[] grads = new Tensor[inputCount()];
        if (needX) grads[0] = Tensor.wrap(gx, new int[] {n, c, h, wd});
        if (needW) {
            double[] gw = new double[o * k];
            for (int p = 0; p < chunks; p++) {
                for (int j = 0; j < gw.length; j++) gw[j] += gwPart[p][j];
            }
            grads[1] = Tensor.wrap(gw, new int[] {o, c, kh, kw});
        }
        if (needB) {
            double[] gb = new double[o];
            for (int oc = 0; oc < o; oc++) {
                double s = 0;
                for (int p = 0; p < chunks; p++) s += gbPart[p][oc];
                gb[oc] = s;
            }
            grads[2] = Tensor.wrap(gb, new int[] {o});
        }
        return grads;
    }
}
