package jgrad.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float convolution kernels behind {@link Convolution}: one implicit GEMM per image, forward
 * and backward, optionally fused with ReLU and max pooling ({@link Convolution.ReluMaxPool}).
 *
 * <p>Each image's output is computed pixel-major: with its columns {@code col (k, l)} (see
 * {@link Im2Col}), {@code z (l, op) = colᵀ wᵀ + b}, with the {@code o} channels padded to
 * {@code op}, a multiple of the vector length. The columns are never written: {@link #product}
 * reads them from the image in place through tables of pixel and tap offsets (a padded image is
 * first copied into a zero-bordered buffer), which took the two im2col passes per image out of
 * the step. The bias is one vector add per pixel where z is read ({@code colᵀ wᵀ} then {@code + b}:
 * the same bits as a GEMM accumulating onto bias rows while the sum over k is one GEMM block), and max
 * pooling compares whole channel vectors of neighbouring pixels. Every output element is the same
 * sum in the same order as im2col + {@link Gemm#sgemm} (the products commute), and the unfused and fused ops
 * share this code, so their values and gradients agree bit for bit.
 *
 * <p>The forward runs one image per chunk (images are independent). The backward splits the images
 * into at most 32 chunks fixed by the batch size; each keeps its own weight-gradient sum, and the
 * sums are added in chunk order. Scratch buffers are per thread, so results are bit-identical for
 * any thread count. GEMMs inside a chunk run on the chunk's thread. The
 * 32-bit and 64-bit kernels are one source: {@code ConvolutionTwinTest} derives the 64-bit file
 * from the 32-bit one by swapping the type names; edit the 32-bit file and regenerate the other.
 */
final class FloatConvolution {
    private FloatConvolution() {}

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32));

    /**
     * Per-thread scratch arrays reused across calls: 0 a zero-bordered image, 1 pixel-major output or its
     * gradient, 2 a row of pooled gradients (routeTiles), 3 column gradients, 4 the bias gradient's
     * per-channel sums, 5 the caller's transposed (or padded) weights, 6 the caller's per-chunk weight
     * gradients.
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[7][0]);

    /** This thread's scratch array number {@code slot}, at least {@code size} long (contents undefined). */
    private static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }

    /** The length {@link #forward}'s {@code winners} needs: {@code n · ph · pw · op}; throws if that exceeds an array. */
    static int winnersLength(Convolution.Geometry g, Convolution.ReluMaxPool pool) {
        return Math.toIntExact((long) g.n() * pool.outSize(g.oh()) * pool.outSize(g.ow()) * padded(g.o()));
    }

    /** {@code o} rounded up to a whole number of vectors. */
    private static int padded(int o) {
        return (o + L - 1) / L * L;
    }

    /**
     * Forward: {@code y = conv(x, w) + b} of shape {@code (n, o, oh, ow)}, or with {@code pool},
     * {@code y = maxpool(relu(conv(x, w) + b))} of the pooled shape, the pre-activation staying in a
     * per-thread buffer; {@code argmax} (or null) then receives, per pooled output, the index of its
     * window's first maximum within the image's {@code (o, oh, ow)} block, and {@code winners} (at least
     * {@link #winnersLength} long, or null) the same positions pixel-major for {@link #backward}: per
     * image, pooled position and padded channel, the maximum's pixel offset from its window's corner,
     * or -1 where relu's backward stops the gradient. {@code b} may be null.
     */
    static void forward(Convolution.Geometry g, float[] x, float[] w, float[] b, float[] y,
                        Convolution.ReluMaxPool pool, int[] argmax, float[] winners) {
        int inSize = g.c() * g.h() * g.w(), k = g.k(), l = g.l(), o = g.o(), op = padded(o);
        int plane = pool == null ? 0 : pool.outSize(g.oh()) * pool.outSize(g.ow()), outSize = pool == null ? o * l : o * plane;
        // wᵀ (k, op) and the bias (op), zero past o; read by every chunk
        float[] wt = scratch(5, k * op + op);
        java.util.Arrays.fill(wt, 0, k * op + op, 0f);
        for (int oc = 0; oc < o; oc++) {
            for (int p = 0; p < k; p++) wt[p * op + oc] = w[oc * k + p];
            if (b != null) wt[k * op + oc] = b[oc];
        }
        int[] pix = pixels(g), taps = taps(g);
        int kc = FloatGemm.oneChain(l, op, k) ? k : FloatGemm.KC; // the sums of Gemm.sgemm on these columns (B not transposed, n >= L)
        int[] lanes = new int[2 * op]; // reluMaxPool's offsets: each channel's in y, then in the image's (o, oh, ow) block
        for (int oc = 0; oc < op && pool != null; oc++) {
            lanes[oc] = oc < o ? oc * plane : 0; // padding lanes are never written, but their indices are checked
            lanes[op + oc] = oc * l;
        }
        // one image per chunk: the images are independent (no sum across a chunk), and 2 threads end within one image of each other
        Parallel.forRange(g.n(), 1, (from, to) -> {
            float[] z = scratch(1, l * op);
            for (int i = from; i < to; i++) {
                float[] src = image(g, x, i * inSize);
                int srcOff = src == x ? i * inSize : 0;
                // z (l, op) = colᵀ (l, k) · wᵀ (k, op), colᵀ read in place; the bias is added where z is read
                for (int p0 = 0; p0 < k; p0 += kc) product(src, srcOff, pix, l, taps, p0, Math.min(k, p0 + kc), wt, op, z, 0, p0 > 0);
                if (pool == null) {
                    for (int q = 0, at = i * outSize; q < l; q++) {
                        for (int oc = 0; oc < o; oc++) y[at + oc * l + q] = b == null ? z[q * op + oc] : z[q * op + oc] + wt[k * op + oc];
                    }
                } else {
                    reluMaxPool(g, pool, op, z, wt, k * op, lanes, y, argmax, i * outSize, winners, i * plane * op);
                }
            }
        });
    }

    /**
     * ReLU and max pooling of one image's pixel-major pre-activation {@code z (l, op)} into
     * {@code y} and {@code argmax} at {@code at}, channel-major: each channel vector is scattered
     * ({@code lanes} holds the channels' offsets in y, then in the image's {@code (o, oh, ow)}
     * block; a scalar copy from a pixel-major buffer took twice as long). relu then max equals max
     * then relu (relu is monotone); the index is the first maximum of the pre-activation, which differs from
     * relu's only where the gradient is zero anyway (window maximum <= 0). A NaN counts as the
     * maximum, the first NaN of a window wins, as in {@link Pooling}.
     */
    private static void reluMaxPool(Convolution.Geometry g, Convolution.ReluMaxPool pool, int op, float[] z,
                                    float[] bias, int biasOff, int[] lanes, float[] y, int[] argmax, int at,
                                    float[] winners, int winOff) {
        int kk = pool.kernel(), s = pool.stride(), ow = g.ow(), o = g.o(), ph = pool.outSize(g.oh()), pw = pool.outSize(g.ow());
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int py = 0, q = 0; py < ph; py++) {
            for (int px = 0; px < pw; px++, q++) {
                int corner = py * s * ow + px * s;
                for (int v = 0; v < op; v += L) {
                    FloatVector bv = FloatVector.fromArray(SPECIES, bias, biasOff + v);
                    FloatVector m = FloatVector.fromArray(SPECIES, z, corner * op + v).add(bv), where = zero;
                    for (int a = 0; a < kk; a++) {
                        for (int c = a == 0 ? 1 : 0; c < kk; c++) {
                            int d = a * ow + c; // pixel offset from the window's corner
                            FloatVector u = FloatVector.fromArray(SPECIES, z, (corner + d) * op + v).add(bv);
                            // u > m, or u is the window's first NaN
                            VectorMask<Float> take = u.compare(VectorOperators.GT, m)
                                    .or(u.compare(VectorOperators.NE, u).and(m.compare(VectorOperators.EQ, m)));
                            m = m.blend(u, take);
                            where = where.blend(FloatVector.broadcast(SPECIES, (float) d), take);
                        }
                    }
                    VectorMask<Float> live = SPECIES.indexInRange(v, o);
                    FloatVector relu = m.lanewise(VectorOperators.MAX, zero);
                    relu.intoArray(y, at + q, lanes, v, live);
                    if (winners != null) { // relu's gate as ElementwiseLoops.reluGate: y's bits > 0 (y > 0, or a NaN without sign)
                        VectorMask<Float> pass = relu.viewAsIntegralLanes().compare(VectorOperators.GT, 0).cast(SPECIES).and(live);
                        FloatVector.broadcast(SPECIES, -1).blend(where, pass).intoArray(winners, winOff + q * op + v);
                    }
                    if (argmax != null) {
                        IntVector base = IntVector.fromArray(IS, lanes, op + v).add(corner);
                        IntVector idx = ((IntVector) where.convertShape(VectorOperators.Conversion.ofCast(float.class, int.class), IS, 0)).add(base);
                        idx.intoArray(argmax, at + q, lanes, v, live.cast(IS));
                    }
                }
            }
        }
    }

    /** Rows of {@link #tile}: 12 rows by 2 vectors take 24 of the 32 vector registers, as in {@code FloatGemm}'s 12-row kernel. */
    private static final int ROWS = 12;

    /** Image at {@code off} in x, or with padding a zero-bordered copy of it in this thread's scratch (from 0), so no tap falls outside. */
    private static float[] image(Convolution.Geometry g, float[] x, int off) {
        int c = g.c(), h = g.h(), w = g.w(), pad = g.padding(), hp = h + 2 * pad, wp = w + 2 * pad;
        if (pad == 0) return x;
        float[] xp = scratch(0, c * hp * wp);
        java.util.Arrays.fill(xp, 0, c * hp * wp, 0f);
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < h; y++) System.arraycopy(x, off + (ci * h + y) * w, xp, (ci * hp + y + pad) * wp + pad, w);
        }
        return xp;
    }

    /** Offset in the (padded) image of each output pixel's window corner, pixel-major. */
    private static int[] pixels(Convolution.Geometry g) {
        int ow = g.ow(), wp = g.w() + 2 * g.padding();
        int[] pix = new int[g.l()];
        for (int q = 0; q < pix.length; q++) pix[q] = (q / ow * wp + q % ow) * g.stride();
        return pix;
    }

    /** Offset from a window's corner of each kernel tap {@code p = (ci·kh + i)·kw + j}, in im2col's row order. */
    private static int[] taps(Convolution.Geometry g) {
        int kh = g.kh(), kw = g.kw(), wp = g.w() + 2 * g.padding(), hp = g.h() + 2 * g.padding();
        int[] taps = new int[g.k()];
        for (int p = 0; p < taps.length; p++) taps[p] = (p / (kh * kw) * hp + p / kw % kh) * wp + p % kw;
        return taps;
    }

    /**
     * {@code c (n, op)} from {@code co} {@code =} (or with {@code add}, {@code +=}) {@code X · b[s0, s1)}, where
     * {@code X[r][s] = x[xo + rows[r] + steps[s]]} is read in place from the image (im2col's columns, or
     * their transpose) and {@code b} is {@code (steps, op)}: the conv's GEMMs without im2col. Each element
     * is a chain of FMAs from zero in step order, then stored or added to c: what {@link FloatGemm} does
     * for one block of k, so the bits are those of im2col + GEMM. Rows go by 12 ({@link #tile}), the
     * {@code n % 12} left over one at a time (a padded 12-row tile took 36 rows' time for the 25 of a 5x5 kernel).
     */
    private static void product(float[] x, int xo, int[] rows, int n, int[] steps, int s0, int s1,
                                float[] b, int op, float[] c, int co, boolean add) {
        int full = n - n % ROWS;
        for (int r0 = 0; r0 < full; r0 += ROWS) {
            // a last lone vector is computed twice (d1 = 0) and stored twice, with the same value
            for (int v = 0; v < op; v += 2 * L) tile(x, xo, rows, r0, steps, s0, s1, b, v, v + L < op ? L : 0, op, c, co + r0 * op + v, add);
        }
        for (int r = full; r < n; r++) { // two vectors at a time, as in tile: two chains of FMAs hide each other's latency
            for (int v = 0, xr = xo + rows[r], at = co + r * op; v < op; v += 2 * L, at += 2 * L) {
                int d1 = v + L < op ? L : 0;
                FloatVector u = FloatVector.zero(SPECIES), w = u, e;
                for (int j = s0, bs = j * op + v; j < s1; j++, bs += op) {
                    e = FloatVector.broadcast(SPECIES, x[xr + steps[j]]);
                    u = e.fma(FloatVector.fromArray(SPECIES, b, bs), u); w = e.fma(FloatVector.fromArray(SPECIES, b, bs + d1), w);
                }
                u = add ? FloatVector.fromArray(SPECIES, c, at).add(u) : u; w = add ? FloatVector.fromArray(SPECIES, c, at + d1).add(w) : w; u.intoArray(c, at); w.intoArray(c, at + d1);
            }
        }
    }

    /**
     * One register tile of {@link #product}: 12 rows by the two vectors of b at {@code bo} and
     * {@code bo + d1}, in c at {@code co} and {@code co + d1}; each row's two sums are formed before
     * either is stored, so {@code d1 = 0} stores one sum twice. One straight path, as {@code FloatGemm}'s kernels.
     */
    private static void tile(float[] x, int xo, int[] rows, int r0, int[] steps, int s0, int s1, float[] b, int bo, int d1,
                             int op, float[] c, int co, boolean add) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        FloatVector c80 = c00, c81 = c00, c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00, u, w;
        int x0 = xo + rows[r0], x1 = xo + rows[r0 + 1], x2 = xo + rows[r0 + 2], x3 = xo + rows[r0 + 3], x4 = xo + rows[r0 + 4], x5 = xo + rows[r0 + 5];
        int x6 = xo + rows[r0 + 6], x7 = xo + rows[r0 + 7], x8 = xo + rows[r0 + 8], x9 = xo + rows[r0 + 9], x10 = xo + rows[r0 + 10], x11 = xo + rows[r0 + 11];
        for (int s = s0, bs = bo + s0 * op; s < s1; s++, bs += op) {
            int t = steps[s];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bs), b1 = FloatVector.fromArray(SPECIES, b, bs + d1);
            u = FloatVector.broadcast(SPECIES, x[x0 + t]); c00 = u.fma(b0, c00); c01 = u.fma(b1, c01);
            u = FloatVector.broadcast(SPECIES, x[x1 + t]); c10 = u.fma(b0, c10); c11 = u.fma(b1, c11);
            u = FloatVector.broadcast(SPECIES, x[x2 + t]); c20 = u.fma(b0, c20); c21 = u.fma(b1, c21);
            u = FloatVector.broadcast(SPECIES, x[x3 + t]); c30 = u.fma(b0, c30); c31 = u.fma(b1, c31);
            u = FloatVector.broadcast(SPECIES, x[x4 + t]); c40 = u.fma(b0, c40); c41 = u.fma(b1, c41);
            u = FloatVector.broadcast(SPECIES, x[x5 + t]); c50 = u.fma(b0, c50); c51 = u.fma(b1, c51);
            u = FloatVector.broadcast(SPECIES, x[x6 + t]); c60 = u.fma(b0, c60); c61 = u.fma(b1, c61);
            u = FloatVector.broadcast(SPECIES, x[x7 + t]); c70 = u.fma(b0, c70); c71 = u.fma(b1, c71);
            u = FloatVector.broadcast(SPECIES, x[x8 + t]); c80 = u.fma(b0, c80); c81 = u.fma(b1, c81);
            u = FloatVector.broadcast(SPECIES, x[x9 + t]); c90 = u.fma(b0, c90); c91 = u.fma(b1, c91);
            u = FloatVector.broadcast(SPECIES, x[x10 + t]); ca0 = u.fma(b0, ca0); ca1 = u.fma(b1, ca1);
            u = FloatVector.broadcast(SPECIES, x[x11 + t]); cb0 = u.fma(b0, cb0); cb1 = u.fma(b1, cb1);
        }
        int o = co;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c00) : c00; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c01) : c01; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c10) : c10; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c11) : c11; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c20) : c20; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c21) : c21; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c30) : c30; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c31) : c31; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c40) : c40; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c41) : c41; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c50) : c50; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c51) : c51; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c60) : c60; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c61) : c61; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c70) : c70; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c71) : c71; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c80) : c80; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c81) : c81; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(c90) : c90; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(c91) : c91; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(ca0) : ca0; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(ca1) : ca1; u.intoArray(c, o); w.intoArray(c, o + d1); o += op;
        u = add ? FloatVector.fromArray(SPECIES, c, o).add(cb0) : cb0; w = add ? FloatVector.fromArray(SPECIES, c, o + d1).add(cb1) : cb1; u.intoArray(c, o); w.intoArray(c, o + d1);
    }

    /**
     * Adds pixel-major column gradients back into image {@code x} (the adjoint of im2col with the columns transposed to {@code (l, k)}),
     * each pixel of x summing its terms in the order of {@link Im2Col#col2im}.
     */
    private static void col2imT(float[] col, Convolution.Geometry g, float[] x, int xOff) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), s = g.stride(), pad = g.padding();
        int oh = g.oh(), ow = g.ow(), k = g.k();
        for (int ci = 0; ci < c; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = (ci * kh + i) * kw + j;
                    for (int oy = 0; oy < oh; oy++) {
                        int yy = oy * s + i - pad;
                        if (yy < 0 || yy >= h) continue;
                        int dst = xOff + (ci * h + yy) * w + j - pad, src = oy * ow * k + row;
                        for (int ox = 0; ox < ow; ox++, src += k) {
                            int xx = ox * s + j - pad;
                            if (xx >= 0 && xx < w) x[dst + ox * s] += col[src];
                        }
                    }
                }
            }
        }
    }

    /** Adds this image's {@code Σ_pixels gz} per channel to {@code gbc}: channels side by side in vectors, pixels in order. */
    private static void biasGradient(float[] gz, int l, int op, int o, float[] sums, double[] gbc) {
        for (int v = 0; v < op; v += L) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int q = 0; q < l; q++) s = s.add(FloatVector.fromArray(SPECIES, gz, q * op + v));
            s.intoArray(sums, v);
        }
        for (int oc = 0; oc < o; oc++) gbc[oc] += sums[oc];
    }

    /**
     * The pooled gradient routed back onto one image's {@code gz (l, op)} when no window overlaps
     * another ({@code stride == kernel}): the values of the scalar rule ({@code 0 + reluGate(y, gy)}
     * at each window's maximum, {@code +0} elsewhere), written window by window with whole channel
     * vectors from one gather of {@code gy} and the forward's pixel-major {@code winners} (gathering
     * {@code y} and {@code argmax} instead cost 0.2 ms more a step), with no zeroing pass. Per channel
     * vector and window row, pass 1 keeps the gated gradients in {@code vals}, pass 2 writes the pixel
     * rows. With {@code gbc}, pass 2 also adds the bias gradient: each lane sums its pixels in order as
     * {@link #biasGradient} does, but skips the {@code +0} terms (they never change a sum that starts
     * at +0, and gz holds no -0), one add per window and pixel row instead of one per pixel.
     */
    private static void routeTiles(Convolution.Geometry g, Convolution.ReluMaxPool pool, int op, float[] gy, float[] winners,
                                   int at, int winOff, int[] lanes, float[] vals, float[] gz, float[] sums, double[] gbc) {
        int kk = pool.kernel(), ow = g.ow(), l = g.l(), o = g.o(), ph = pool.outSize(g.oh()), pw = pool.outSize(ow);
        // the pixels no window covers (right columns and bottom rows the windows do not reach)
        for (int r = 0; r < ph * kk && pw * kk < ow; r++) java.util.Arrays.fill(gz, (r * ow + pw * kk) * op, (r + 1) * ow * op, 0f);
        java.util.Arrays.fill(gz, ph * kk * ow * op, l * op, 0f);
        // padding lanes gather a real channel's gradient, but their winners are all -1
        for (int oc = 0; oc < op; oc++) lanes[oc] = oc < o ? oc * ph * pw : 0;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int v = 0; v < op; v += L) {
            FloatVector s = zero;
            for (int py = 0; py < ph; py++) {
                for (int px = 0, q = py * pw; px < pw; px++, q++) {
                    FloatVector gv = FloatVector.fromArray(SPECIES, gy, at + q, lanes, v);
                    FloatVector d = FloatVector.fromArray(SPECIES, winners, winOff + q * op + v);
                    zero.add(zero.blend(gv, d.compare(VectorOperators.GE, 0))).intoArray(vals, px * L);
                }
                for (int a = 0; a < kk; a++) {
                    int row = (py * kk + a) * ow;
                    for (int px = 0, q = py * pw; px < pw; px++, q++) {
                        FloatVector val = FloatVector.fromArray(SPECIES, vals, px * L);
                        FloatVector d = FloatVector.fromArray(SPECIES, winners, winOff + q * op + v);
                        for (int c = 0; c < kk; c++) {
                            zero.blend(val, d.compare(VectorOperators.EQ, a * ow + c)).intoArray(gz, (row + px * kk + c) * op + v);
                        }
                        if (gbc != null) s = s.add(zero.blend(val, d.compare(VectorOperators.GE, a * ow).and(d.compare(VectorOperators.LT, a * ow + kk))));
                    }
                }
            }
            if (gbc != null) s.intoArray(sums, v);
        }
        if (gbc != null) {
            for (int oc = 0; oc < o; oc++) gbc[oc] += sums[oc];
        }
    }

    /**
     * Backward: fills whichever of {@code gx (n, c, h, w)}, {@code gw (o, c, kh, kw)} and
     * {@code gb (o)} is non-null (each zero on entry) from {@code gy}, the gradient of
     * {@link #forward}'s {@code y}. With {@code pool}, {@code y} and {@code argmax} are that
     * forward's outputs and {@code winners} its record: each image's pre-activation gradient is rebuilt
     * in a per-chunk buffer.
     */
    static void backward(Convolution.Geometry g, float[] x, float[] w, float[] gy, float[] gx, float[] gw, float[] gb,
                         Convolution.ReluMaxPool pool, float[] y, int[] argmax, float[] winners) {
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * g.l(), k = g.k(), l = g.l(), o = g.o(), grain = g.grain();
        int op = padded(o), pooledSize = pool == null ? 0 : o * pool.outSize(g.oh()) * pool.outSize(g.ow());
        boolean tiles = pool != null && pool.routesFromWinners(); // no window overlaps another: routeTiles
        if (pool != null && (tiles ? winners : argmax) == null) {
            throw new IllegalArgumentException("convolution backward: " + (tiles ? "winners" : "argmax")
                    + " is null, but the pool window " + pool + " needs it (see ReluMaxPool.routesFromWinners)");
        }
        int chunks = Parallel.chunks(g.n(), grain);
        // w (o, k) with rows padded to op, for gcolᵀ = gz · w; and one (k, op) weight-gradient sum per chunk
        float[] wp = gx == null ? null : scratch(5, op * k);
        if (wp != null) {
            System.arraycopy(w, 0, wp, 0, o * k);
            java.util.Arrays.fill(wp, o * k, op * k, 0f);
        }
        int[] pix = pixels(g), taps = taps(g);
        int kc = FloatGemm.oneChain(k, op, l) ? l : FloatGemm.KC;
        float[] gwPart = gw == null ? null : scratch(6, chunks * k * op);
        if (gwPart != null) java.util.Arrays.fill(gwPart, 0, chunks * k * op, 0f);
        double[][] gbPart = new double[chunks][];
        Parallel.forRange(g.n(), grain, (from, to) -> {
            float[] gz = scratch(1, l * op);
            float[] gcol = gx != null ? scratch(3, l * k) : null;
            double[] gbc = gb != null ? new double[o] : null;
            float[] sums = gb != null ? scratch(4, op) : null;
            int[] lanes = tiles ? new int[op] : null;
            for (int i = from; i < to; i++) {
                // gz (l, op): the gradient of the pixel-major conv output; the padding channels stay zero
                if (!tiles) java.util.Arrays.fill(gz, 0, l * op, 0f);
                if (tiles) {
                    routeTiles(g, pool, op, gy, winners, i * pooledSize, i * (pooledSize / o) * op, lanes, scratch(2, L * pool.outSize(g.ow())), gz, sums, gbc);
                } else if (pool != null) {
                    // each pooled gradient goes to its window's maximum where relu passed it (the rule
                    // of relu's backward), summed where windows overlap in output order; a window relu
                    // stopped adds +0 to a position only such windows share.
                    int plane = pooledSize / o;
                    for (int oc = 0, j = i * pooledSize; oc < o; oc++) {
                        for (int end = j + plane, base = oc - oc * l * op; j < end; j++) {
                            gz[argmax[j] * op + base] += ElementwiseLoops.reluGate(y[j], gy[j]);
                        }
                    }
                } else {
                    for (int q = 0, at = i * outSize; q < l; q++) {
                        for (int oc = 0; oc < o; oc++) gz[q * op + oc] = gy[at + oc * l + q];
                    }
                }
                if (gw != null) {
                    float[] src = image(g, x, i * inSize);
                    int srcOff = src == x ? i * inSize : 0;
                    // gwᵀ (k, op) += col (k, l) · gz (l, op), col read in place
                    for (int q0 = 0; q0 < l; q0 += kc) product(src, srcOff, taps, k, pix, q0, Math.min(l, q0 + kc), gz, op, gwPart, from / grain * k * op, true);
                }
                if (gx != null) {
                    // gcolᵀ (l, k) = gz (l, op) · w (op, k), folded back onto the image
                    Gemm.sgemm(false, false, l, k, op, gz, 0, wp, 0, gcol, 0, false);
                    col2imT(gcol, g, gx, i * inSize);
                }
                if (gb != null && !tiles) biasGradient(gz, l, op, o, sums, gbc); // else routeTiles added it
            }
            gbPart[from / grain] = gbc;
        });
        // Per-chunk partial sums are combined in chunk order: the result does not depend on the thread count.
        if (gw != null) {
            for (int p = 0; p < chunks; p++) {
                for (int oc = 0; oc < o; oc++) {
                    for (int j = 0, at = p * k * op + oc; j < k; j++, at += op) gw[oc * k + j] += gwPart[at];
                }
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
}
