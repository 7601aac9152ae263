package jgrad.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 GEMM engine behind {@link Gemm#sgemm}: packed panels and a register-blocked micro-kernel.
 *
 * <p>C is cut into a grid of blocks computed in parallel. For each block of {@code KC} values of
 * the shared dimension, a task packs its slice of op(B) into panels {@code NR} columns wide
 * (zero-padded); the micro-kernel reads {@code MR} rows of A in place, or of a row-major copy when
 * A is transposed or a panel is partial. Each C element is owned by one task and summed in the same order whatever the
 * thread count. {@code DoubleGemm} is generated from this file by
 * replacing {@code float}/{@code Float} with {@code double}/{@code Double}: edit both together.
 */
final class FloatGemm {
    private FloatGemm() {}

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Micro-tile: MR rows by NR = 2 vectors of columns (12 accumulators). */
    static final int MR = 6;
    static final int NR = 2 * L;
    /** Shared-dimension block: a B panel of KC x NR stays in L1 while A panels stream past. */
    static final int KC = 256;
    /** A task covers MB micro-panels of rows by NB of columns (192 rows x 4 panels of C): A rows in L2, a B panel in L1. */
    private static final int MB = 32;
    private static final int NB = 4;
    /** Parallel products are cut into at least this many tasks when their size allows. */
    private static final int MIN_TASKS = 4;
    /** Below this many multiply-adds the simple unpacked loop is used. */
    static final long SMALL = 16 * 16 * 16;
    /** Below this many multiply-adds everything runs on the calling thread. */
    private static final long PARALLEL_MIN = 96L * 96 * 96;

    /** Per-thread packing buffers, reused across calls (a fresh array per call costs more than small GEMMs). */
    private static final ThreadLocal<float[]> A_BUFFER = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> B_BUFFER = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[0]);

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0);
            return;
        }
        long work = (long) m * n * k;
        if (n < L / 2 && k > 2) {
            narrow(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (work <= SMALL || k <= 2) {
            simple(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else {
            packed(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        }
    }

    /**
     * Few output columns (matrix-vector like): each C element is a dot product over k, vectorised
     * along k with op(B) columns made contiguous; lanes are added in a fixed order.
     */
    private static void narrow(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate) {
        float[] bt = b; // op(B) transposed: (n, k), each column of op(B) contiguous
        int bo = bOff;
        if (!transB) {
            bt = new float[n * k];
            bo = 0;
            for (int p = 0; p < k; p++)
                for (int j = 0; j < n; j++) bt[j * k + p] = b[bOff + p * n + j];
        }
        float[] lanes = new float[L];
        int full = k - k % L;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                int bj = bo + j * k;
                if (transA) { // a is (k, m): op(A) row i is strided, so stay scalar
                    for (int p = 0; p < k; p++) s = Math.fma(a[aOff + p * m + i], bt[bj + p], s);
                } else {
                    int ai = aOff + i * k;
                    FloatVector acc = FloatVector.zero(SPECIES);
                    for (int p = 0; p < full; p += L) {
                        acc = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, bt, bj + p), acc);
                    }
                    acc.intoArray(lanes, 0);
                    for (float v : lanes) s += v;
                    for (int p = full; p < k; p++) s = Math.fma(a[ai + p], bt[bj + p], s);
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    /** Unpacked path for tiny products: each C row segment is one vector accumulated over k. */
    private static void simple(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate) {
        float[] bb = b;
        int bo = bOff;
        if (transB) { // make op(B) row-major (k, n)
            bb = new float[k * n];
            bo = 0;
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++) bb[p * n + j] = b[bOff + j * k + p];
        }
        int as = transA ? m : 1, ai = transA ? 1 : k; // op(A)[i][p] = a[aOff + i*ai + p*as]
        int full = n - n % L;
        for (int i = 0; i < m; i++) {
            int arow = aOff + i * ai, crow = cOff + i * n;
            for (int j = 0; j < full; j += L) {
                FloatVector acc = FloatVector.zero(SPECIES);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(SPECIES, a[arow + p * as])
                            .fma(FloatVector.fromArray(SPECIES, bb, bo + p * n + j), acc);
                }
                if (accumulate) acc = FloatVector.fromArray(SPECIES, c, crow + j).add(acc);
                acc.intoArray(c, crow + j);
            }
            if (full < n) {
                VectorMask<Float> mask = SPECIES.indexInRange(full, n);
                FloatVector acc = FloatVector.zero(SPECIES);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(SPECIES, a[arow + p * as])
                            .fma(FloatVector.fromArray(SPECIES, bb, bo + p * n + full, mask), acc);
                }
                if (accumulate) acc = FloatVector.fromArray(SPECIES, c, crow + full, mask).add(acc);
                acc.intoArray(c, crow + full, mask);
            }
        }
    }

    /**
     * The packed path. One parallel pass over a grid of C blocks ({@code MB} row panels by
     * {@code NB} column panels): each task walks the whole shared dimension in {@code KC} steps,
     * packing its own slices of A and B, so there is a single fork-join per call.
     */
    private static void packed(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate, boolean parallel) {
        int aPanels = (m + MR - 1) / MR, bPanels = (n + NR - 1) / NR;
        int mb = MB, nb = NB;
        if (parallel) { // smaller blocks so that mid-sized products still give a few tasks (sizes only, never threads)
            nb = Math.min(nb, ceilDiv(bPanels, Math.max(1, MIN_TASKS / ceilDiv(aPanels, mb))));
            mb = Math.min(mb, ceilDiv(aPanels, Math.max(1, MIN_TASKS / ceilDiv(bPanels, nb))));
        }
        final int mbf = mb, nbf = nb;
        int mBlocks = ceilDiv(aPanels, mb), nBlocks = ceilDiv(bPanels, nb);
        int kcMax = Math.min(k, KC), aSize = Math.min(aPanels, mb) * MR * kcMax, bSize = Math.min(bPanels, nb) * NR * kcMax;
        Parallel.forRange(mBlocks * nBlocks, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
            float[] pa = buffer(A_BUFFER, aSize), pb = buffer(B_BUFFER, bSize), tile = buffer(TILE, MR * NR);
            for (int t = from; t < to; t++) {
                int ir0 = (t / nBlocks) * mbf, jr0 = (t % nBlocks) * nbf;
                int irEnd = Math.min(aPanels, ir0 + mbf), jrEnd = Math.min(bPanels, jr0 + nbf);
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    boolean set = p0 == 0 && !accumulate;
                    for (int jr = jr0; jr < jrEnd; jr++) packB(transB, n, k, b, bOff, p0, kc, jr * NR, jr - jr0, pb);
                    for (int ir = ir0; ir < irEnd; ir++) { // a plain A is read in place, but for a partial panel
                        if (transA || (ir + 1) * MR > m) packARows(transA, m, k, a, aOff, p0, kc, ir, ir - ir0, pa);
                    }
                    for (int jr = jr0; jr < jrEnd; jr++) {
                        int j0 = jr * NR, bo = (jr - jr0) * NR * kc;
                        for (int ir = ir0; ir < irEnd; ir++) {
                            int i0 = ir * MR, ao = (ir - ir0) * MR * kc;
                            boolean full = i0 + MR <= m && j0 + NR <= n;
                            float[] cc = full ? c : tile;
                            int co = full ? cOff + i0 * n + j0 : 0, ldc = full ? n : NR;
                            if (!full) loadEdge(c, cOff, m, n, i0, j0, set, tile);
                            boolean inPlace = !transA && i0 + MR <= m;
                            float[] src = inPlace ? a : pa;
                            int so = inPlace ? aOff + i0 * k + p0 : ao, lda = inPlace ? k : kc;
                            if (set) kernelSetRows(src, so, lda, pb, bo, kc, cc, co, ldc);
                            else kernelAddRows(src, so, lda, pb, bo, kc, cc, co, ldc);
                            if (!full) storeEdge(tile, c, cOff, m, n, i0, j0);
                        }
                    }
                }
            }
        });
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static float[] buffer(ThreadLocal<float[]> cache, int size) {
        float[] buf = cache.get();
        if (buf.length < size) {
            buf = new float[size];
            cache.set(buf);
        }
        return buf;
    }

    /** Edge tiles run the same kernel on a padded MR x NR temp tile: this copies C's part in (when adding). */
    private static void loadEdge(float[] c, int cOff, int m, int n, int i0, int j0, boolean set, float[] tile) {
        if (set) return;
        int rows = Math.min(MR, m - i0), cols = Math.min(NR, n - j0);
        for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + (i0 + r) * n + j0, tile, r * NR, cols);
    }

    /** Copies the valid part of an edge tile back to C. */
    private static void storeEdge(float[] tile, float[] c, int cOff, int m, int n, int i0, int j0) {
        int rows = Math.min(MR, m - i0), cols = Math.min(NR, n - j0);
        for (int r = 0; r < rows; r++) System.arraycopy(tile, r * NR, c, cOff + (i0 + r) * n + j0, cols);
    }

    /**
     * Copies rows {@code [q*MR, q*MR+MR)} of op(A), columns {@code [p0, p0+kc)}, row-major with row
     * length kc and zero-padded, into slot: a transposed A, or the partial last panel of a plain one.
     */
    private static void packARows(boolean transA, int m, int k, float[] a, int aOff, int p0, int kc, int q, int slot,
                                  float[] pa) {
        int i0 = q * MR, rows = Math.min(MR, m - i0), base = slot * MR * kc;
        if (transA) { // a is (k, m): the MR values of one p are contiguous
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * m + i0;
                for (int r = 0; r < rows; r++) pa[base + r * kc + p] = a[src + r];
            }
        } else {
            for (int r = 0; r < rows; r++) System.arraycopy(a, aOff + (i0 + r) * k + p0, pa, base + r * kc, kc);
        }
        java.util.Arrays.fill(pa, base + rows * kc, base + MR * kc, 0);
    }

    /** Packs columns {@code [j0, j0+NR)} of op(B), rows {@code [p0, p0+kc)}, p-major, zero-padded, into slot q. */
    private static void packB(boolean transB, int n, int k, float[] b, int bOff, int p0, int kc, int j0, int q,
                              float[] pb) {
        int cols = Math.min(NR, n - j0), base = q * NR * kc;
        if (transB) { // b is (n, k): walk each column of op(B) along p
            for (int jj = 0; jj < cols; jj++) {
                int src = bOff + (j0 + jj) * k + p0, dst = base + jj;
                for (int p = 0; p < kc; p++) pb[dst + p * NR] = b[src + p];
            }
            for (int jj = cols; jj < NR; jj++)
                for (int p = 0; p < kc; p++) pb[base + jj + p * NR] = 0;
        } else if (cols == NR) {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * n + j0, dst = base + p * NR;
                FloatVector.fromArray(SPECIES, b, src).intoArray(pb, dst);
                FloatVector.fromArray(SPECIES, b, src + L).intoArray(pb, dst + L);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * n + j0, dst = base + p * NR;
                for (int jj = 0; jj < cols; jj++) pb[dst + jj] = b[src + jj];
                for (int jj = cols; jj < NR; jj++) pb[dst + jj] = 0;
            }
        }
    }

    /**
     * C tile = A x B panel, with A read as {@code MR} rows {@code lda} apart: in place when A is not
     * transposed (measured faster here than a p-major repack), else from a row-major copy.
     * One straight path: no calls, no branches besides the loop (C2 then keeps all 12 accumulators
     * in registers).
     */
    private static void kernelSetRows(float[] pa, int ao, int lda, float[] pb, int bo, int kc, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + L);
            FloatVector x0 = FloatVector.broadcast(SPECIES, pa[a0 + p]);
            FloatVector x1 = FloatVector.broadcast(SPECIES, pa[a1 + p]);
            FloatVector x2 = FloatVector.broadcast(SPECIES, pa[a2 + p]);
            FloatVector x3 = FloatVector.broadcast(SPECIES, pa[a3 + p]);
            FloatVector x4 = FloatVector.broadcast(SPECIES, pa[a4 + p]);
            FloatVector x5 = FloatVector.broadcast(SPECIES, pa[a5 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        co += ldc;
        c10.intoArray(c, co);
        c11.intoArray(c, co + L);
        co += ldc;
        c20.intoArray(c, co);
        c21.intoArray(c, co + L);
        co += ldc;
        c30.intoArray(c, co);
        c31.intoArray(c, co + L);
        co += ldc;
        c40.intoArray(c, co);
        c41.intoArray(c, co + L);
        co += ldc;
        c50.intoArray(c, co);
        c51.intoArray(c, co + L);
    }

    /** C tile += A x B panel, A read as {@code MR} rows {@code lda} apart (see {@link #kernelSetRows}). */
    private static void kernelAddRows(float[] pa, int ao, int lda, float[] pb, int bo, int kc, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + L);
            FloatVector x0 = FloatVector.broadcast(SPECIES, pa[a0 + p]);
            FloatVector x1 = FloatVector.broadcast(SPECIES, pa[a1 + p]);
            FloatVector x2 = FloatVector.broadcast(SPECIES, pa[a2 + p]);
            FloatVector x3 = FloatVector.broadcast(SPECIES, pa[a3 + p]);
            FloatVector x4 = FloatVector.broadcast(SPECIES, pa[a4 + p]);
            FloatVector x5 = FloatVector.broadcast(SPECIES, pa[a5 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
        }
        FloatVector.fromArray(SPECIES, c, co).add(c00).intoArray(c, co);
        FloatVector.fromArray(SPECIES, c, co + L).add(c01).intoArray(c, co + L);
        co += ldc;
        FloatVector.fromArray(SPECIES, c, co).add(c10).intoArray(c, co);
        FloatVector.fromArray(SPECIES, c, co + L).add(c11).intoArray(c, co + L);
        co += ldc;
        FloatVector.fromArray(SPECIES, c, co).add(c20).intoArray(c, co);
        FloatVector.fromArray(SPECIES, c, co + L).add(c21).intoArray(c, co + L);
        co += ldc;
        FloatVector.fromArray(SPECIES, c, co).add(c30).intoArray(c, co);
        FloatVector.fromArray(SPECIES, c, co + L).add(c31).intoArray(c, co + L);
        co += ldc;
        FloatVector.fromArray(SPECIES, c, co).add(c40).intoArray(c, co);
        FloatVector.fromArray(SPECIES, c, co + L).add(c41).intoArray(c, co + L);
        co += ldc;
        FloatVector.fromArray(SPECIES, c, co).add(c50).intoArray(c, co);
        FloatVector.fromArray(SPECIES, c, co + L).add(c51).intoArray(c, co + L);
    }
}
