package jgrad.tensor;

import jgrad.tensor.kernel.Convolution;

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
 * Forward and backward run in {@link Convolution} (not Tensor ops) for speed: register-tiled
 * GEMMs that read the columns from the image in place (no column buffer for the forward and the
 * weight gradient), results identical for any thread count.
 */
final class Conv2d extends Op {
    private final int stride;
    private final int padding;
    private Convolution.Geometry geometry; // set by forward

    Conv2d(int stride, int padding) {
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * Checks a convolution call and returns its sizes.
     *
     * @throws IllegalArgumentException naming {@code op} and the shapes when they do not fit
     */
    static Convolution.Geometry geometry(String op, Tensor x, Tensor w, Tensor b, int stride, int padding) {
        int[] xs4 = x.shapeRef(), ws4 = w.shapeRef();
        if (xs4.length != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-D (n, c, h, w), got shape " + Shape.str(xs4));
        }
        if (ws4.length != 4) {
            throw new IllegalArgumentException(op + ": weight must be 4-D (out, in, kh, kw), got shape " + Shape.str(ws4));
        }
        if (xs4[1] != ws4[1]) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(xs4) + " has " + xs4[1]
                    + " channels but weight " + Shape.str(ws4) + " expects " + ws4[1]);
        }
        if (b != null && (b.shapeRef().length != 1 || b.shapeRef()[0] != ws4[0])) {
            throw new IllegalArgumentException(op + ": bias " + Shape.str(b.shapeRef()) + " does not match weight "
                    + Shape.str(ws4) + " (need [" + ws4[0] + "])");
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException(op + ": need stride >= 1 and padding >= 0, got stride " + stride
                    + " and padding " + padding);
        }
        if (xs4[2] + 2 * padding < ws4[2] || xs4[3] + 2 * padding < ws4[3] || ws4[2] == 0 || ws4[3] == 0) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(xs4) + " with padding " + padding
                    + " is smaller than the " + ws4[2] + "x" + ws4[3] + " kernel of weight " + Shape.str(ws4));
        }
        return new Convolution.Geometry(xs4[0], xs4[1], xs4[2], xs4[3], ws4[0], ws4[2], ws4[3], stride, padding);
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0], w = xs[1], b = xs.length > 2 ? xs[2] : null;
        var g = geometry("conv2d", x, w, b, stride, padding);
        geometry = g;
        Tensor y = Tensor.empty(x.dtype(), new int[] {g.n(), g.o(), g.oh(), g.ow()});
        if (x.dtype() == DType.FLOAT32) {
            Convolution.forward(g, x.floatData(), w.floatData(), b == null ? null : b.floatData(), y.floatData());
        } else {
            Convolution.forward(g, x.doubleData(), w.doubleData(), b == null ? null : b.doubleData(), y.doubleData());
        }
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor x = input(0), w = input(1);
        Tensor gx = needsGrad(0) ? Tensor.empty(gy.dtype(), x.shapeRef().clone()) : null;
        Tensor gw = needsGrad(1) ? Tensor.empty(gy.dtype(), w.shapeRef().clone()) : null;
        Tensor gb = inputCount() > 2 && needsGrad(2) ? Tensor.empty(gy.dtype(), new int[] {geometry.o()}) : null;
        if (gy.dtype() == DType.FLOAT32) {
            Convolution.backward(geometry, x.floatData(), w.floatData(), gy.floatData(),
                    gx == null ? null : gx.floatData(), gw == null ? null : gw.floatData(), gb == null ? null : gb.floatData());
        } else {
            Convolution.backward(geometry, x.doubleData(), w.doubleData(), gy.doubleData(),
                    gx == null ? null : gx.doubleData(), gw == null ? null : gw.doubleData(), gb == null ? null : gb.doubleData());
        }
        return inputCount() > 2 ? new Tensor[] {gx, gw, gb} : new Tensor[] {gx, gw};
    }
}
