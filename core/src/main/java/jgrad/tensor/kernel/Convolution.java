package jgrad.tensor.kernel;

/**
 * 2-D convolution of NCHW batches as im2col + one GEMM per image, forward and backward, alone or
 * fused with ReLU and max pooling.
 *
 * <p>Image {@code i} is unfolded into {@code col_i: (c·kh·kw, oh·ow)} (see {@link Im2Col}), so
 * {@code y_i = w col_i + b} with {@code w} viewed as {@code (o, c·kh·kw)}; backward computes
 * {@code gw = Σ_i gy_i col_iᵀ}, {@code gx_i = col2im(wᵀ gy_i)} and {@code gb = Σ gy}. Images are
 * split into at most 32 chunks fixed by the batch size; each chunk reuses its buffers and keeps
 * its own weight-gradient sum, and the sums are added in chunk order, so results are
 * bit-identical for any thread count. The float32 and float64 kernels are one source
 * ({@code FloatConvolution}, and its generated twin checked by {@code ConvolutionTwinTest}).
 */
public final class Convolution {
    private Convolution() {}

    /**
     * Sizes of one call: batch {@code n}, channels {@code c}, image {@code h × w}, {@code o} output
     * channels, kernel {@code kh × kw}, stride and zero padding. The caller checks they fit.
     */
    public record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding) {
        /** Output height. */
        public int oh() {
            return Im2Col.outSize(h, kh, stride, padding);
        }

        /** Output width. */
        public int ow() {
            return Im2Col.outSize(w, kw, stride, padding);
        }

        int k() {
            return c * kh * kw;
        }

        int l() {
            return oh() * ow();
        }

        /** 1x1 kernel, stride 1, no padding: the image is its own column matrix. */
        boolean pointwise() {
            return kh == 1 && kw == 1 && stride == 1 && padding == 0;
        }

        /** Images per chunk: at most 32 chunks, so that 2 threads get shares within a few percent of each other. */
        int grain() {
            return Math.max(1, (n + 31) / 32);
        }
    }

    /**
     * ReLU then max pooling over {@code kernel × kernel} windows moved by {@code stride} (no
     * padding), fused after a convolution. The caller checks the window fits the conv output.
     */
    public record ReluMaxPool(int kernel, int stride) {
        /** Pooled size of a side of {@code size}. */
        public int outSize(int size) {
            return (size - kernel) / stride + 1;
        }
    }

    /** Float32 forward: {@code y (n, o, oh, ow) = conv(x, w) + b}; {@code b} may be null. */
    public static void forward(Geometry g, float[] x, float[] w, float[] b, float[] y) {
        FloatConvolution.forward(g, x, w, b, y, null, null);
    }

    /** Float64 forward: {@code y (n, o, oh, ow) = conv(x, w) + b}; {@code b} may be null. */
    public static void forward(Geometry g, double[] x, double[] w, double[] b, double[] y) {
        DoubleConvolution.forward(g, x, w, b, y, null, null);
    }

    /**
     * Float32 backward: fills whichever of {@code gx (n, c, h, w)}, {@code gw (o, c, kh, kw)} and
     * {@code gb (o)} is non-null (each zero on entry) from {@code gy (n, o, oh, ow)}.
     */
    public static void backward(Geometry g, float[] x, float[] w, float[] gy, float[] gx, float[] gw, float[] gb) {
        FloatConvolution.backward(g, x, w, gy, gx, gw, gb, null, null, null);
    }

    /** Float64 backward; see the float32 overload. */
    public static void backward(Geometry g, double[] x, double[] w, double[] gy, double[] gx, double[] gw, double[] gb) {
        DoubleConvolution.backward(g, x, w, gy, gx, gw, gb, null, null, null);
    }

    /**
     * Float32 fused forward: {@code y = maxpool(relu(conv(x, w) + b))} of shape
     * {@code (n, o, ph, pw)} without materialising the convolution's output; {@code argmax} (same
     * length as {@code y}) receives each window's maximum as an index into its image's
     * {@code (o, oh, ow)} block, for {@link #backwardReluMaxPool}.
     */
    public static void forwardReluMaxPool(Geometry g, ReluMaxPool pool, float[] x, float[] w, float[] b, float[] y,
                                          int[] argmax) {
        FloatConvolution.forward(g, x, w, b, y, pool, argmax);
    }

    /** Float64 fused forward; see the float32 overload. */
    public static void forwardReluMaxPool(Geometry g, ReluMaxPool pool, double[] x, double[] w, double[] b, double[] y,
                                          int[] argmax) {
        DoubleConvolution.forward(g, x, w, b, y, pool, argmax);
    }

    /**
     * Float32 fused backward: from {@code gy}, the gradient of the fused forward's output {@code y},
     * fills whichever of {@code gx}, {@code gw} and {@code gb} is non-null (each zero on entry).
     */
    public static void backwardReluMaxPool(Geometry g, ReluMaxPool pool, float[] x, float[] w, float[] y, int[] argmax,
                                           float[] gy, float[] gx, float[] gw, float[] gb) {
        FloatConvolution.backward(g, x, w, gy, gx, gw, gb, pool, y, argmax);
    }

    /** Float64 fused backward; see the float32 overload. */
    public static void backwardReluMaxPool(Geometry g, ReluMaxPool pool, double[] x, double[] w, double[] y, int[] argmax,
                                           double[] gy, double[] gx, double[] gw, double[] gb) {
        DoubleConvolution.backward(g, x, w, gy, gx, gw, gb, pool, y, argmax);
    }
}
