package jgrad.tensor.kernel;

/**
 * 2-D convolution of NCHW batches as im2col + one GEMM per image, forward and backward.
 *
 * <p>Image {@code i} is unfolded into {@code col_i: (c·kh·kw, oh·ow)} (see {@link Im2Col}), so
 * {@code y_i = w col_i + b} with {@code w} viewed as {@code (o, c·kh·kw)}; backward computes
 * {@code gw = Σ_i gy_i col_iᵀ}, {@code gx_i = col2im(wᵀ gy_i)} and {@code gb = Σ gy}. Images are
 * split into at most 16 chunks fixed by the batch size; each chunk reuses one column buffer and
 * keeps its own weight-gradient sum, and the sums are added in chunk order, so results are
 * bit-identical for any thread count. GEMMs inside a chunk run on the chunk's thread.
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

        int grain() {
            return Math.max(1, (n + 15) / 16);
        }
    }

    /** Float32 forward: {@code y (n, o, oh, ow) = conv(x, w) + b}; {@code b} may be null. */
    public static void forward(Geometry g, float[] x, float[] w, float[] b, float[] y) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l();
        Parallel.forRange(g.n(), g.grain(), (from, to) -> {
            float[] col = g.pointwise() ? null : new float[k * l]; // reused by every image of the chunk
            for (int i = from; i < to; i++) {
                float[] src = x;
                int srcOff = i * inSize;
                if (!g.pointwise()) {
                    Im2Col.im2col(x, i * inSize, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
                    src = col;
                    srcOff = 0;
                }
                // y_i (o, l) = b + w (o, k) · col_i (k, l): rows start at the bias, the GEMM accumulates
                if (b != null) {
                    for (int oc = 0; oc < g.o(); oc++) {
                        java.util.Arrays.fill(y, i * outSize + oc * l, i * outSize + (oc + 1) * l, b[oc]);
                    }
                }
                Gemm.sgemm(false, false, g.o(), l, k, w, 0, src, srcOff, y, i * outSize, b != null);
            }
        });
    }

    /**
     * Float32 backward: fills whichever of {@code gx (n, c, h, w)}, {@code gw (o, c, kh, kw)} and
     * {@code gb (o)} is non-null (each zero on entry) from {@code gy (n, o, oh, ow)}.
     */
    public static void backward(Geometry g, float[] x, float[] w, float[] gy, float[] gx, float[] gw, float[] gb) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l(), o = g.o(), grain = g.grain();
        int chunks = Parallel.chunks(g.n(), grain);
        float[][] gwPart = new float[chunks][];
        double[][] gbPart = new double[chunks][];
        Parallel.forRange(g.n(), grain, (from, to) -> {
            float[] col = gw != null && !g.pointwise() ? new float[k * l] : null;
            float[] gcol = gx != null && !g.pointwise() ? new float[k * l] : null;
            float[] gwc = gw != null ? new float[o * k] : null;
            double[] gbc = gb != null ? new double[o] : null;
            for (int i = from; i < to; i++) {
                int gyOff = i * outSize;
                if (gw != null) {
                    float[] src = x;
                    int srcOff = i * inSize;
                    if (!g.pointwise()) {
                        Im2Col.im2col(x, i * inSize, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
                        src = col;
                        srcOff = 0;
                    }
                    // gw (o, k) += gy_i (o, l) · col_iᵀ (l, k)
                    Gemm.sgemm(false, true, o, k, l, gy, gyOff, src, srcOff, gwc, 0, true);
                }
                if (gx != null) {
                    // gcol_i (k, l) = wᵀ (k, o) · gy_i (o, l), folded back onto the image by col2im
                    if (g.pointwise()) {
                        Gemm.sgemm(true, false, k, l, o, w, 0, gy, gyOff, gx, i * inSize, false);
                    } else {
                        Gemm.sgemm(true, false, k, l, o, w, 0, gy, gyOff, gcol, 0, false);
                        Im2Col.col2im(gcol, 0, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), gx, i * inSize);
                    }
                }
                if (gb != null) {
                    for (int oc = 0; oc < o; oc++) gbc[oc] += Elementwise.sum(gy, gyOff + oc * l, l);
                }
            }
            gwPart[from / grain] = gwc;
            gbPart[from / grain] = gbc;
        });
        // Per-chunk partial sums are combined in chunk order: the result does not depend on the thread count.
        for (int p = 0; p < chunks; p++) {
            if (gw != null) {
                for (int j = 0; j < gw.length; j++) gw[j] += gwPart[p][j];
            }
        }
        if (gb != null) {
            for (int oc = 0; oc < o; oc++) {
                double s = 0;
                for (int p = 0; p < chunks; p++) s += gbPart[p][oc];
                gb[oc] = (float) s;
            }
        }
    }

    /** Float64 forward: {@code y (n, o, oh, ow) = conv(x, w) + b}; {@code b} may be null. */
    public static void forward(Geometry g, double[] x, double[] w, double[] b, double[] y) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l();
        Parallel.forRange(g.n(), g.grain(), (from, to) -> {
            double[] col = g.pointwise() ? null : new double[k * l]; // reused by every image of the chunk
            for (int i = from; i < to; i++) {
                double[] src = x;
                int srcOff = i * inSize;
                if (!g.pointwise()) {
                    Im2Col.im2col(x, i * inSize, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
                    src = col;
                    srcOff = 0;
                }
                // y_i (o, l) = b + w (o, k) · col_i (k, l): rows start at the bias, the GEMM accumulates
                if (b != null) {
                    for (int oc = 0; oc < g.o(); oc++) {
                        java.util.Arrays.fill(y, i * outSize + oc * l, i * outSize + (oc + 1) * l, b[oc]);
                    }
                }
                Gemm.dgemm(false, false, g.o(), l, k, w, 0, src, srcOff, y, i * outSize, b != null);
            }
        });
    }

    /**
     * Float64 backward: fills whichever of {@code gx (n, c, h, w)}, {@code gw (o, c, kh, kw)} and
     * {@code gb (o)} is non-null (each zero on entry) from {@code gy (n, o, oh, ow)}.
     */
    public static void backward(Geometry g, double[] x, double[] w, double[] gy, double[] gx, double[] gw, double[] gb) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l(), o = g.o(), grain = g.grain();
        int chunks = Parallel.chunks(g.n(), grain);
        double[][] gwPart = new double[chunks][];
        double[][] gbPart = new double[chunks][];
        Parallel.forRange(g.n(), grain, (from, to) -> {
            double[] col = gw != null && !g.pointwise() ? new double[k * l] : null;
            double[] gcol = gx != null && !g.pointwise() ? new double[k * l] : null;
            double[] gwc = gw != null ? new double[o * k] : null;
            double[] gbc = gb != null ? new double[o] : null;
            for (int i = from; i < to; i++) {
                int gyOff = i * outSize;
                if (gw != null) {
                    double[] src = x;
                    int srcOff = i * inSize;
                    if (!g.pointwise()) {
                        Im2Col.im2col(x, i * inSize, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
                        src = col;
                        srcOff = 0;
                    }
                    // gw (o, k) += gy_i (o, l) · col_iᵀ (l, k)
                    Gemm.dgemm(false, true, o, k, l, gy, gyOff, src, srcOff, gwc, 0, true);
                }
                if (gx != null) {
                    // gcol_i (k, l) = wᵀ (k, o) · gy_i (o, l), folded back onto the image by col2im
                    if (g.pointwise()) {
                        Gemm.dgemm(true, false, k, l, o, w, 0, gy, gyOff, gx, i * inSize, false);
                    } else {
                        Gemm.dgemm(true, false, k, l, o, w, 0, gy, gyOff, gcol, 0, false);
                        Im2Col.col2im(gcol, 0, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), gx, i * inSize);
                    }
                }
                if (gb != null) {
                    for (int oc = 0; oc < o; oc++) gbc[oc] += Elementwise.sum(gy, gyOff + oc * l, l);
                }
            }
            gwPart[from / grain] = gwc;
            gbPart[from / grain] = gbc;
        });
        // Per-chunk partial sums are combined in chunk order: the result does not depend on the thread count.
        for (int p = 0; p < chunks; p++) {
            if (gw != null) {
                for (int j = 0; j < gw.length; j++) gw[j] += gwPart[p][j];
            }
        }
        if (gb != null) {
            for (int oc = 0; oc < o; oc++) {
                double s = 0;
                for (int p = 0; p < chunks; p++) s += gbPart[p][oc];
                gb[oc] = s;
            }
        }
    }
}
