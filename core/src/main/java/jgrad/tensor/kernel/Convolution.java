package jgrad.tensor.kernel;

/**
 * 2-D convolution of NCHW batches as one GEMM per image over its im2col columns, forward and
 * backward, alone or fused with ReLU and max pooling.
 *
 * <p>Image {@code i}'s columns are {@code col_i: (c·kh·kw, oh·ow)} (see {@link Im2Col}; the kernels
 * read them from the image in place rather than writing them out), so
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
     *
     * @param n batch size, in images
     * @param c input channels
     * @param h image height, in pixels
     * @param w image width, in pixels
     * @param o output channels (filters)
     * @param kh kernel height, in pixels
     * @param kw kernel width, in pixels
     * @param stride step between neighbouring windows, in pixels
     * @param padding zero padding on each side, in pixels
     */
    public record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding) {
        /** {@return the output height {@code (h + 2·padding − kh) / stride + 1}, in pixels} */
        public int oh() {
            return Im2Col.outSize(h, kh, stride, padding);
        }

        /** {@return the output width {@code (w + 2·padding − kw) / stride + 1}, in pixels} */
        public int ow() {
            return Im2Col.outSize(w, kw, stride, padding);
        }

        int k() {
            return c * kh * kw;
        }

        int l() {
            return oh() * ow();
        }

        /** Images per chunk: at most 32 chunks, so that 2 threads get shares within a few percent of each other. */
        int grain() {
            return Math.max(1, (n + 31) / 32);
        }
    }

    /**
     * ReLU then max pooling over {@code kernel × kernel} windows moved by {@code stride} (no
     * padding), fused after a convolution. The caller checks the window fits the conv output.
     *
     * @param kernel window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public record ReluMaxPool(int kernel, int stride) {
        /**
         * Pooled size of a side of {@code size}.
         *
         * @param size the conv output's height (or width), in pixels
         * @return {@code (size − kernel) / stride + 1}, the pooled height (or width)
         */
        public int outSize(int size) {
            return (size - kernel) / stride + 1;
        }

        /**
         * Whether no window overlaps another ({@code stride == kernel}): then the fused backward
         * routes the gradient from {@code winners} alone and the forward need not write {@code argmax};
         * otherwise it reads {@code y} and {@code argmax} and {@code winners} need not be written.
         *
         * @return {@code stride == kernel}
         */
        public boolean routesFromWinners() {
            return stride == kernel;
        }
    }

    /**
     * Float32 forward: {@code y (n, o, oh, ow) = conv(x, w) + b}; {@code b} may be null.
     *
     * @param g the sizes of the call
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param b the bias {@code (o)}, or null for none
     * @param y the output {@code (n, o, oh, ow)}, row-major; overwritten
     */
    public static void forward(Geometry g, float[] x, float[] w, float[] b, float[] y) {
        FloatConvolution.forward(g, x, w, b, y, null, null, null);
    }

    /**
     * Float64 forward: {@code y (n, o, oh, ow) = conv(x, w) + b}; {@code b} may be null.
     *
     * @param g the sizes of the call
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param b the bias {@code (o)}, or null for none
     * @param y the output {@code (n, o, oh, ow)}, row-major; overwritten
     */
    public static void forward(Geometry g, double[] x, double[] w, double[] b, double[] y) {
        DoubleConvolution.forward(g, x, w, b, y, null, null, null);
    }

    /**
     * Float32 backward: fills whichever of {@code gx (n, c, h, w)}, {@code gw (o, c, kh, kw)} and
     * {@code gb (o)} is non-null (each zero on entry) from {@code gy (n, o, oh, ow)}.
     *
     * @param g the sizes of the call
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param gy the gradient of the output, laid out like {@code y}
     * @param gx the gradient of {@code x}, laid out like {@code x}, zero on entry and filled in place; null to skip it
     * @param gw the gradient of {@code w}, laid out like {@code w}, zero on entry and filled in place; null to skip it
     * @param gb the gradient of the bias {@code (o)}, zero on entry and filled in place; null to skip it
     */
    public static void backward(Geometry g, float[] x, float[] w, float[] gy, float[] gx, float[] gw, float[] gb) {
        FloatConvolution.backward(g, x, w, gy, gx, gw, gb, null, null, null, null);
    }

    /**
     * Float64 backward; see the float32 overload.
     *
     * @param g the sizes of the call
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param gy the gradient of the output, laid out like {@code y}
     * @param gx the gradient of {@code x}, laid out like {@code x}, zero on entry and filled in place; null to skip it
     * @param gw the gradient of {@code w}, laid out like {@code w}, zero on entry and filled in place; null to skip it
     * @param gb the gradient of the bias {@code (o)}, zero on entry and filled in place; null to skip it
     */
    public static void backward(Geometry g, double[] x, double[] w, double[] gy, double[] gx, double[] gw, double[] gb) {
        DoubleConvolution.backward(g, x, w, gy, gx, gw, gb, null, null, null, null);
    }

    /**
     * Float32 fused forward: {@code y = maxpool(relu(conv(x, w) + b))} of shape
     * {@code (n, o, ph, pw)} without materialising the convolution's output; {@code argmax} (same
     * length as {@code y}) receives each window's maximum as an index into its image's
     * {@code (o, oh, ow)} block, for {@link #backwardReluMaxPool}.
     *
     * @param g the sizes of the call
     * @param pool the pooling window fused after the ReLU
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param b the bias {@code (o)}, or null for none
     * @param y the pooled output {@code (n, o, ph, pw)}, row-major; overwritten
     * @param argmax receives, per element of {@code y}, the index of its window's maximum in the image's {@code (o, oh, ow)} block; same length as {@code y}; null to skip it (the backward needs it unless {@link ReluMaxPool#routesFromWinners})
     * @param winners receives the position of each window's maximum again, in the layout {@link #backwardReluMaxPool} reads fastest; {@link #winnersLength} long; null to skip it (the backward needs it if {@link ReluMaxPool#routesFromWinners})
     */
    public static void forwardReluMaxPool(Geometry g, ReluMaxPool pool, float[] x, float[] w, float[] b, float[] y,
                                          int[] argmax, float[] winners) {
        FloatConvolution.forward(g, x, w, b, y, pool, argmax, winners);
    }

    /**
     * Float64 fused forward; see the float32 overload.
     *
     * @param g the sizes of the call
     * @param pool the pooling window fused after the ReLU
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param b the bias {@code (o)}, or null for none
     * @param y the pooled output {@code (n, o, ph, pw)}, row-major; overwritten
     * @param argmax receives, per element of {@code y}, the index of its window's maximum in the image's {@code (o, oh, ow)} block; same length as {@code y}; null to skip it (the backward needs it unless {@link ReluMaxPool#routesFromWinners})
     * @param winners receives the position of each window's maximum again, in the layout {@link #backwardReluMaxPool} reads fastest; {@link #winnersLength} long; null to skip it (the backward needs it if {@link ReluMaxPool#routesFromWinners})
     */
    public static void forwardReluMaxPool(Geometry g, ReluMaxPool pool, double[] x, double[] w, double[] b, double[] y,
                                          int[] argmax, double[] winners) {
        DoubleConvolution.forward(g, x, w, b, y, pool, argmax, winners);
    }

    /**
     * The length of the fused forward's {@code winners}, for either element type: per image, pooled
     * position and channel (padded to whole vectors), the pixel offset of its window's maximum from the
     * window's corner, or -1 where ReLU stops the gradient. With windows that do not overlap, the
     * backward routes the gradient from it without gathering {@code y} and {@code argmax}.
     *
     * @param g the sizes of the call
     * @param pool the pooling window fused after the ReLU
     * @return the number of elements {@code winners} needs
     */
    public static int winnersLength(Geometry g, ReluMaxPool pool) {
        return FloatConvolution.winnersLength(g, pool); // channels padded to the float vector, at least the double one
    }

    /**
     * Float32 fused backward: from {@code gy}, the gradient of the fused forward's output {@code y},
     * fills whichever of {@code gx}, {@code gw} and {@code gb} is non-null (each zero on entry).
     *
     * @param g the sizes of the call
     * @param pool the pooling window fused after the ReLU
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param y the pooled output the fused forward wrote
     * @param argmax the indices the fused forward wrote; read unless {@link ReluMaxPool#routesFromWinners}
     * @param winners the record the fused forward wrote; read if {@link ReluMaxPool#routesFromWinners}
     * @param gy the gradient of the pooled output, laid out like {@code y}
     * @param gx the gradient of {@code x}, laid out like {@code x}, zero on entry and filled in place; null to skip it
     * @param gw the gradient of {@code w}, laid out like {@code w}, zero on entry and filled in place; null to skip it
     * @param gb the gradient of the bias {@code (o)}, zero on entry and filled in place; null to skip it
     */
    public static void backwardReluMaxPool(Geometry g, ReluMaxPool pool, float[] x, float[] w, float[] y, int[] argmax,
                                           float[] winners, float[] gy, float[] gx, float[] gw, float[] gb) {
        FloatConvolution.backward(g, x, w, gy, gx, gw, gb, pool, y, argmax, winners);
    }

    /**
     * Float64 fused backward; see the float32 overload.
     *
     * @param g the sizes of the call
     * @param pool the pooling window fused after the ReLU
     * @param x the input {@code (n, c, h, w)}, row-major; read only
     * @param w the weights {@code (o, c, kh, kw)}, row-major; read only
     * @param y the pooled output the fused forward wrote
     * @param argmax the indices the fused forward wrote; read unless {@link ReluMaxPool#routesFromWinners}
     * @param winners the record the fused forward wrote; read if {@link ReluMaxPool#routesFromWinners}
     * @param gy the gradient of the pooled output, laid out like {@code y}
     * @param gx the gradient of {@code x}, laid out like {@code x}, zero on entry and filled in place; null to skip it
     * @param gw the gradient of {@code w}, laid out like {@code w}, zero on entry and filled in place; null to skip it
     * @param gb the gradient of the bias {@code (o)}, zero on entry and filled in place; null to skip it
     */
    public static void backwardReluMaxPool(Geometry g, ReluMaxPool pool, double[] x, double[] w, double[] y, int[] argmax,
                                           double[] winners, double[] gy, double[] gx, double[] gw, double[] gb) {
        DoubleConvolution.backward(g, x, w, gy, gx, gw, gb, pool, y, argmax, winners);
    }
}
