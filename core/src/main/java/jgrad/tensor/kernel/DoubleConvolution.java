package jgrad.tensor.kernel;

/**
 * The double convolution kernels behind {@link Convolution}: im2col + one GEMM per image, forward
 * and backward, optionally fused with ReLU and max pooling ({@link Convolution.ReluMaxPool}).
 *
 * <p>Images are split into at most 32 chunks fixed by the batch size; each chunk reuses its own
 * column and output buffers and keeps its own weight-gradient sum, and the sums are added in chunk
 * order, so results are bit-identical for any thread count. GEMMs inside a chunk run on the
 * chunk's thread. The 32-bit and 64-bit kernels are one source: {@code ConvolutionTwinTest}
 * derives the 64-bit file from the 32-bit one by swapping the type names; edit the 32-bit file and
 * regenerate the other.
 */
final class DoubleConvolution {
    private DoubleConvolution() {}

    /** Per-thread scratch arrays reused across calls (columns, pre-activations, their gradients). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);
    private static final ThreadLocal<int[]> INDEX_SCRATCH = ThreadLocal.withInitial(() -> new int[0]);

    /** This thread's scratch array number {@code slot}, at least {@code size} long (contents undefined). */
    private static double[] scratch(int slot, int size) {
        double[][] s = SCRATCH.get();
        if (s[slot].length < size) s[slot] = new double[size];
        return s[slot];
    }

    /**
     * Forward: {@code y = conv(x, w) + b} of shape {@code (n, o, oh, ow)}, or with {@code pool},
     * {@code y = maxpool(relu(conv(x, w) + b))} of the pooled shape, the pre-activation staying in a
     * per-chunk buffer; {@code argmax} then receives, per pooled output, the index of its window's
     * first maximum within the image's {@code (o, oh, ow)} block. {@code b} may be null.
     */
    static void forward(Convolution.Geometry g, double[] x, double[] w, double[] b, double[] y,
                        Convolution.ReluMaxPool pool, int[] argmax) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l(), o = g.o();
        int pooledSize = pool == null ? 0 : o * pool.outSize(g.oh()) * pool.outSize(g.ow());
        Parallel.forRange(g.n(), g.grain(), (from, to) -> {
            double[] col = g.pointwise() ? null : scratch(0, k * l); // reused by every image of the chunk
            double[] z = pool == null ? null : scratch(1, outSize);
            double[] pooled = pool == null ? null : scratch(2, pooledSize);
            int[] args = pool == null ? null : indexScratch(pooledSize);
            for (int i = from; i < to; i++) {
                double[] src = x;
                int srcOff = i * inSize;
                if (!g.pointwise()) {
                    Im2Col.im2col(x, i * inSize, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
                    src = col;
                    srcOff = 0;
                }
                double[] out = pool == null ? y : z;
                int outOff = pool == null ? i * outSize : 0;
                // y_i (o, l) = b + w (o, k) · col_i (k, l): rows start at the bias, the GEMM accumulates
                if (b != null) {
                    for (int oc = 0; oc < o; oc++) java.util.Arrays.fill(out, outOff + oc * l, outOff + (oc + 1) * l, b[oc]);
                }
                Gemm.dgemm(false, false, o, l, k, w, 0, src, srcOff, out, outOff, b != null);
                if (pool != null) {
                    // relu then max equals max then relu (relu is monotone); the index is the first
                    // maximum of the pre-activation, which differs from relu's only where the
                    // gradient is zero anyway (window maximum <= 0).
                    Pooling.maxForward(z, pooled, args, o, g.oh(), g.ow(), pool.kernel(), pool.stride());
                    ElementwiseLoops.reluRange(pooled, 0, y, i * pooledSize, pooledSize);
                    System.arraycopy(args, 0, argmax, i * pooledSize, pooledSize);
                }
            }
        });
    }

    private static int[] indexScratch(int size) {
        int[] s = INDEX_SCRATCH.get();
        if (s.length < size) INDEX_SCRATCH.set(s = new int[size]);
        return s;
    }

    /**
     * Backward: fills whichever of {@code gx (n, c, h, w)}, {@code gw (o, c, kh, kw)} and
     * {@code gb (o)} is non-null (each zero on entry) from {@code gy}, the gradient of
     * {@link #forward}'s {@code y}. With {@code pool}, {@code y} and {@code argmax} are that
     * forward's outputs: each image's pre-activation gradient is rebuilt in a per-chunk buffer.
     */
    static void backward(Convolution.Geometry g, double[] x, double[] w, double[] gy, double[] gx, double[] gw, double[] gb,
                         Convolution.ReluMaxPool pool, double[] y, int[] argmax) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l(), o = g.o(), grain = g.grain();
        int pooledSize = pool == null ? 0 : o * pool.outSize(g.oh()) * pool.outSize(g.ow());
        int chunks = Parallel.chunks(g.n(), grain);
        double[][] gwPart = new double[chunks][];
        double[][] gbPart = new double[chunks][];
        Parallel.forRange(g.n(), grain, (from, to) -> {
            double[] col = gw != null && !g.pointwise() ? scratch(0, k * l) : null;
            double[] gcol = gx != null && !g.pointwise() ? scratch(1, k * l) : null;
            double[] gz = pool == null ? null : scratch(2, outSize);
            double[] gwc = gw != null ? new double[o * k] : null;
            double[] gbc = gb != null ? new double[o] : null;
            for (int i = from; i < to; i++) {
                double[] g0 = gy;
                int gyOff = i * outSize;
                if (pool != null) {
                    // dL/dz: each pooled gradient goes to its window's maximum where relu passed it
                    // (the rule of relu's backward), summed where windows overlap; a window relu
                    // stopped adds +0 to a position only such windows share.
                    java.util.Arrays.fill(gz, 0, outSize, 0);
                    for (int j = i * pooledSize, end = j + pooledSize; j < end; j++) {
                        gz[argmax[j]] += ElementwiseLoops.reluGate(y[j], gy[j]);
                    }
                    g0 = gz;
                    gyOff = 0;
                }
                if (gw != null) {
                    double[] src = x;
                    int srcOff = i * inSize;
                    if (!g.pointwise()) {
                        Im2Col.im2col(x, i * inSize, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
                        src = col;
                        srcOff = 0;
                    }
                    // gw (o, k) += gy_i (o, l) · col_iᵀ (l, k)
                    Gemm.dgemm(false, true, o, k, l, g0, gyOff, src, srcOff, gwc, 0, true);
                }
                if (gx != null) {
                    // gcol_i (k, l) = wᵀ (k, o) · gy_i (o, l), folded back onto the image by col2im
                    if (g.pointwise()) {
                        Gemm.dgemm(true, false, k, l, o, w, 0, g0, gyOff, gx, i * inSize, false);
                    } else {
                        Gemm.dgemm(true, false, k, l, o, w, 0, g0, gyOff, gcol, 0, false);
                        Im2Col.col2im(gcol, 0, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), gx, i * inSize);
                    }
                }
                if (gb != null) {
                    for (int oc = 0; oc < o; oc++) gbc[oc] += Elementwise.sum(g0, gyOff + oc * l, l);
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
                gb[oc] = (double) s;
            }
        }
    }
}
