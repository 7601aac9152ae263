package jgrad.tensor;

import jgrad.tensor.kernel.Convolution;

/**
 * Fused {@code maxPool2d(relu(conv2d(x, w, b)), kernel, poolStride)} in NCHW: {@code x (n, c, h, w)},
 * {@code w (o, c, kh, kw)}, optional {@code b (o)}, giving {@code (n, o, ph, pw)} with
 * {@code ph = (oh − kernel) / poolStride + 1} after the convolution's {@code oh} (likewise {@code pw}).
 * The convolution's output lives only in a per-chunk buffer, one image at a time; the op keeps
 * its pooled output and, per output, the position of its window's maximum: where windows overlap,
 * as an index ({@code argmax}); where they do not (stride = kernel, the usual case), pixel-major,
 * or -1 where ReLU stops the gradient ({@code winners}, which the backward reads with whole vectors).
 *
 * <p>Backward: {@code dL/dz[argmax_j] += gy_j} where {@code y_j > 0} (or NaN, as relu's backward
 * passes it), then the convolution's backward from {@code dL/dz} (see {@link Conv2d}). Values and
 * gradients are those of the three ops applied one after another (a test compares them bit for bit).
 */
final class Conv2dReluMaxPool extends Op {
    private final int stride;
    private final int padding;
    private final Convolution.ReluMaxPool pool;
    private Convolution.Geometry geometry;
    private int[] argmax; // where windows overlap, else null
    private Tensor winners; // where they do not, else null: each maximum's position, pixel-major (Convolution.winnersLength)
    private Tensor y;

    Conv2dReluMaxPool(int stride, int padding, int poolKernel, int poolStride) {
        this.stride = stride;
        this.padding = padding;
        this.pool = new Convolution.ReluMaxPool(poolKernel, poolStride);
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0], w = xs[1], b = xs.length > 2 ? xs[2] : null;
        var g = Conv2d.geometry("conv2dReluMaxPool", x, w, b, stride, padding);
        MaxPool2d.geometry("conv2dReluMaxPool", new int[] {g.n(), g.o(), g.oh(), g.ow()}, pool.kernel(), pool.stride());
        geometry = g;
        // every element of y and argmax, and every element of winners the backward reads, is written
        // below: arena arrays need no zeroing
        y = Arena.unfilled(x.dtype(), new int[] {g.n(), g.o(), pool.outSize(g.oh()), pool.outSize(g.ow())});
        boolean fromWinners = pool.routesFromWinners();
        argmax = fromWinners ? null : Arena.ints(y.numel(), false);
        winners = fromWinners ? Arena.unfilled(x.dtype(), new int[] {Convolution.winnersLength(g, pool)}) : null;
        if (x.dtype() == DType.FLOAT32) {
            Convolution.forwardReluMaxPool(g, pool, x.floatData(), w.floatData(), b == null ? null : b.floatData(),
                    y.floatData(), argmax, winners == null ? null : winners.floatData());
        } else {
            Convolution.forwardReluMaxPool(g, pool, x.doubleData(), w.doubleData(), b == null ? null : b.doubleData(),
                    y.doubleData(), argmax, winners == null ? null : winners.doubleData());
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
            Convolution.backwardReluMaxPool(geometry, pool, x.floatData(), w.floatData(), y.floatData(), argmax, winners == null ? null : winners.floatData(),
                    gy.floatData(), gx == null ? null : gx.floatData(), gw == null ? null : gw.floatData(),
                    gb == null ? null : gb.floatData());
        } else {
            Convolution.backwardReluMaxPool(geometry, pool, x.doubleData(), w.doubleData(), y.doubleData(), argmax, winners == null ? null : winners.doubleData(),
                    gy.doubleData(), gx == null ? null : gx.doubleData(), gw == null ? null : gw.doubleData(),
                    gb == null ? null : gb.doubleData());
        }
        return inputCount() > 2 ? new Tensor[] {gx, gw, gb} : new Tensor[] {gx, gw};
    }
}
