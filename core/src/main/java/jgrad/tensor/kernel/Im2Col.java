package jgrad.tensor.kernel;

/**
 * Unfolds image patches into columns so a convolution becomes one GEMM, and folds them back.
 *
 * <p>One image {@code x: (c, h, w)} gives {@code col: (c*kh*kw, oh*ow)} with
 * {@code oh = (h + 2*pad - kh) / stride + 1} (likewise {@code ow}); row {@code (ci*kh + i)*kw + j}
 * holds input pixel {@code (ci, oy*stride + i - pad, ox*stride + j - pad)} at column
 * {@code oy*ow + ox}, or 0 where that falls in the padding.
 */
public final class Im2Col {
    private Im2Col() {}

    /** Output height or width of a convolution or pooling window. */
    public static int outSize(int in, int k, int stride, int pad) {
        return (in + 2 * pad - k) / stride + 1;
    }

    /** Writes the columns of one image; see the class comment for the layout. */
    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, float[] col, int colOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                    for (int oy = 0; oy < oh; oy++) {
                        int y = oy * stride + i - pad;
                        for (int ox = 0; ox < ow; ox++) {
                            int xx = ox * stride + j - pad;
                            col[row + oy * ow + ox] = (y >= 0 && y < h && xx >= 0 && xx < w)
                                    ? x[xOff + (ci * h + y) * w + xx] : 0f;
                        }
                    }
                }
    }

    /** Float64 {@link #im2col(float[], int, int, int, int, int, int, int, int, float[], int)}. */
    public static void im2col(double[] x, int xOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, double[] col, int colOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                    for (int oy = 0; oy < oh; oy++) {
                        int y = oy * stride + i - pad;
                        for (int ox = 0; ox < ow; ox++) {
                            int xx = ox * stride + j - pad;
                            col[row + oy * ow + ox] = (y >= 0 && y < h && xx >= 0 && xx < w)
                                    ? x[xOff + (ci * h + y) * w + xx] : 0.0;
                        }
                    }
                }
    }

    /** Adds the columns back into image {@code x} (which the caller zeroes first): the adjoint of im2col. */
    public static void col2im(float[] col, int colOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, float[] x, int xOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                    for (int oy = 0; oy < oh; oy++) {
                        int y = oy * stride + i - pad;
                        if (y < 0 || y >= h) continue;
                        for (int ox = 0; ox < ow; ox++) {
                            int xx = ox * stride + j - pad;
                            if (xx >= 0 && xx < w) x[xOff + (ci * h + y) * w + xx] += col[row + oy * ow + ox];
                        }
                    }
                }
    }

    /** Float64 {@link #col2im(float[], int, int, int, int, int, int, int, int, float[], int)}. */
    public static void col2im(double[] col, int colOff, int c, int h, int w, int kh, int kw,
                              int stride, int pad, double[] x, int xOff) {
        int oh = outSize(h, kh, stride, pad), ow = outSize(w, kw, stride, pad);
        for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((ci * kh + i) * kw + j) * oh * ow;
                    for (int oy = 0; oy < oh; oy++) {
                        int y = oy * stride + i - pad;
                        if (y < 0 || y >= h) continue;
                        for (int ox = 0; ox < ow; ox++) {
                            int xx = ox * stride + j - pad;
                            if (xx >= 0 && xx < w) x[xOff + (ci * h + y) * w + xx] += col[row + oy * ow + ox];
                        }
                    }
                }
    }
}
