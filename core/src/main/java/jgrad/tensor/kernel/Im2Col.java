package jgrad.tensor.kernel;

/**
 * Unfolds image patches into columns so a convolution becomes one GEMM, and folds them back.
 *
 * <p>One image {@code x: (c, h, w)} gives {@code col: (c*kh*kw, oh*ow)} with
 * {@code oh = (h + 2*pad - kh) / stride + 1} (likewise {@code ow}); row {@code (ci*kh + i)*kw + j}
 * holds input pixel {@code (ci, oy*stride + i - pad, ox*stride + j - pad)} at column
 * {@code oy*ow + ox}, or 0 where that falls in the padding. Work is split by input channel.
 */
public final class Im2Col {
    private Im2Col() {}

    /**
     * Output height or width of a convolution or pooling window.
     *
     * @param in the input height (or width), in pixels
     * @param k the window height (or width), in pixels
     * @param stride step between neighbouring windows, in pixels
     * @param pad zero padding on each side, in pixels
     * @return {@code (in + 2·pad − k) / stride + 1}, the number of window positions along that side
     */
    public static int outSize(int in, int k, int stride, int pad) {
        return (in + 2 * pad - k) / stride + 1;
    }

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? -((-a) / b) : (a + b - 1) / b;
    }

    /** Channels per parallel chunk: everything inline below about 64k column values. */
    private static int channelGrain(int c, int perChannel) {
        if ((long) c * perChannel < (1 << 16)) return Math.max(1, c);
        return Math.max(1, (1 << 15) / Math.max(1, perChannel));
    }

    /**
     * Writes the columns of one image; see the class comment for the layout.
     *
     * @param x the image {@code (c, h, w)}, row-major from {@code xOff}; read only
     * @param xOff index in {@code x} of the image's first element
     * @param c input channels
     * @param h image height, in pixels
     * @param w image width, in pixels
     * @param kh kernel height, in pixels
     * @param kw kernel width, in pixels
     * @param stride step between neighbouring windows, in pixels
     * @param pad zero padding on each side, in pixels
     * @param col the columns {@code (c·kh·kw, oh·ow)}, row-major from {@code colOff}; overwritten, padding positions with 0
     * @param colOff index in {@code col} of the first column element
     */
    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, float[] col, int colOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        if (oh <= 0 || ow <= 0) return;
        Parallel.forRange(c, channelGrain(c, kh * kw * oh * ow), (from, to) -> {
            for (int ci = from; ci < to; ci++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++) {
                        int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                        // output columns whose input column ox*stride + j - pad lies inside [0, w)
                        int ox0 = Math.min(ow, ceilDiv(Math.max(0, pad - j), stride));
                        int ox1 = Math.max(ox0, Math.min(ow, ceilDiv(w + pad - j, stride)));
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * stride + i - pad, dst = row + oy * ow;
                            if (y < 0 || y >= h) {
                                java.util.Arrays.fill(col, dst, dst + ow, 0f);
                                continue;
                            }
                            int src = xOff + (ci * h + y) * w + j - pad;
                            java.util.Arrays.fill(col, dst, dst + ox0, 0f);
                            if (stride == 1) {
                                System.arraycopy(x, src + ox0, col, dst + ox0, ox1 - ox0);
                            } else {
                                for (int ox = ox0; ox < ox1; ox++) col[dst + ox] = x[src + ox * stride];
                            }
                            java.util.Arrays.fill(col, dst + ox1, dst + ow, 0f);
                        }
                    }
        });
    }

    /**
     * Adds the columns back into image {@code x} (which the caller zeroes first): the adjoint of im2col.
     *
     * @param col the columns {@code (c·kh·kw, oh·ow)}, row-major from {@code colOff}; read only
     * @param colOff index in {@code col} of the first column element
     * @param c input channels
     * @param h image height, in pixels
     * @param w image width, in pixels
     * @param kh kernel height, in pixels
     * @param kw kernel width, in pixels
     * @param stride step between neighbouring windows, in pixels
     * @param pad zero padding on each side, in pixels
     * @param x the image {@code (c, h, w)}, row-major from {@code xOff}; the columns are added into it in place
     * @param xOff index in {@code x} of the image's first element
     */
    public static void col2im(float[] col, int colOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, float[] x, int xOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        if (oh <= 0 || ow <= 0) return;
        // each chunk owns whole input channels, and adds into them in a fixed order
        Parallel.forRange(c, channelGrain(c, kh * kw * oh * ow), (from, to) -> {
            for (int ci = from; ci < to; ci++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++) {
                        int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                        int ox0 = Math.min(ow, ceilDiv(Math.max(0, pad - j), stride));
                        int ox1 = Math.max(ox0, Math.min(ow, ceilDiv(w + pad - j, stride)));
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * stride + i - pad;
                            if (y < 0 || y >= h) continue;
                            int dst = xOff + (ci * h + y) * w + j - pad, src = row + oy * ow;
                            if (stride == 1) {
                                for (int ox = ox0; ox < ox1; ox++) x[dst + ox] += col[src + ox];
                            } else {
                                for (int ox = ox0; ox < ox1; ox++) x[dst + ox * stride] += col[src + ox];
                            }
                        }
                    }
        });
    }

    /**
     * Float64 {@link #im2col(float[], int, int, int, int, int, int, int, int, float[], int)}.
     *
     * @param x the image {@code (c, h, w)}, row-major from {@code xOff}; read only
     * @param xOff index in {@code x} of the image's first element
     * @param c input channels
     * @param h image height, in pixels
     * @param w image width, in pixels
     * @param kh kernel height, in pixels
     * @param kw kernel width, in pixels
     * @param stride step between neighbouring windows, in pixels
     * @param pad zero padding on each side, in pixels
     * @param col the columns {@code (c·kh·kw, oh·ow)}, row-major from {@code colOff}; overwritten, padding positions with 0
     * @param colOff index in {@code col} of the first column element
     */
    public static void im2col(double[] x, int xOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, double[] col, int colOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        if (oh <= 0 || ow <= 0) return;
        Parallel.forRange(c, channelGrain(c, kh * kw * oh * ow), (from, to) -> {
            for (int ci = from; ci < to; ci++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++) {
                        int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                        // output columns whose input column ox*stride + j - pad lies inside [0, w)
                        int ox0 = Math.min(ow, ceilDiv(Math.max(0, pad - j), stride));
                        int ox1 = Math.max(ox0, Math.min(ow, ceilDiv(w + pad - j, stride)));
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * stride + i - pad, dst = row + oy * ow;
                            if (y < 0 || y >= h) {
                                java.util.Arrays.fill(col, dst, dst + ow, 0.0);
                                continue;
                            }
                            int src = xOff + (ci * h + y) * w + j - pad;
                            java.util.Arrays.fill(col, dst, dst + ox0, 0.0);
                            if (stride == 1) {
                                System.arraycopy(x, src + ox0, col, dst + ox0, ox1 - ox0);
                            } else {
                                for (int ox = ox0; ox < ox1; ox++) col[dst + ox] = x[src + ox * stride];
                            }
                            java.util.Arrays.fill(col, dst + ox1, dst + ow, 0.0);
                        }
                    }
        });
    }

    /**
     * Float64 {@link #col2im(float[], int, int, int, int, int, int, int, int, float[], int)}.
     *
     * @param col the columns {@code (c·kh·kw, oh·ow)}, row-major from {@code colOff}; read only
     * @param colOff index in {@code col} of the first column element
     * @param c input channels
     * @param h image height, in pixels
     * @param w image width, in pixels
     * @param kh kernel height, in pixels
     * @param kw kernel width, in pixels
     * @param stride step between neighbouring windows, in pixels
     * @param pad zero padding on each side, in pixels
     * @param x the image {@code (c, h, w)}, row-major from {@code xOff}; the columns are added into it in place
     * @param xOff index in {@code x} of the image's first element
     */
    public static void col2im(double[] col, int colOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, double[] x, int xOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        if (oh <= 0 || ow <= 0) return;
        // each chunk owns whole input channels, and adds into them in a fixed order
        Parallel.forRange(c, channelGrain(c, kh * kw * oh * ow), (from, to) -> {
            for (int ci = from; ci < to; ci++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++) {
                        int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                        int ox0 = Math.min(ow, ceilDiv(Math.max(0, pad - j), stride));
                        int ox1 = Math.max(ox0, Math.min(ow, ceilDiv(w + pad - j, stride)));
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * stride + i - pad;
                            if (y < 0 || y >= h) continue;
                            int dst = xOff + (ci * h + y) * w + j - pad, src = row + oy * ow;
                            if (stride == 1) {
                                for (int ox = ox0; ox < ox1; ox++) x[dst + ox] += col[src + ox];
                            } else {
                                for (int ox = ox0; ox < ox1; ox++) x[dst + ox * stride] += col[src + ox];
                            }
                        }
                    }
        });
    }
}
