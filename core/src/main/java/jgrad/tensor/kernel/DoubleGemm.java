package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 GEMM engine behind {@link Gemm#dgemm}: packed panels and a register-blocked micro-kernel.
 *
 * <p>C is cut into a grid of blocks computed in parallel. For each block of {@code KC} values of
 * the shared dimension, a task packs its slice of op(B) into panels {@code NR} columns wide
 * (zero-padded); the micro-kernel reads {@code MR} rows of op(A) in place, transposed or not (a
 * second kernel takes a row stride and a step along k); only a partial last panel is copied.
 * Products with m, n >= {@code WIDE_MIN} and A not transposed take {@link #wide} instead: 12-row
 * tiles, B packed once. Each C element is owned by one task and summed in the same order (over k,
 * in {@code KC} blocks) whatever the thread count and the path. The 32-bit and 64-bit engines are
 * one source: {@code GemmTwinTest} derives the 64-bit file from the 32-bit one by
 * swapping the type names; edit the 32-bit file and regenerate the other.
 */
final class DoubleGemm {
    private DoubleGemm() {}

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Micro-tile: MR rows by NR = 2 vectors of columns (12 accumulators). */
    static final int MR = 6;
    static final int NR = 2 * L;
    /** Shared-dimension block: a B panel of KC x NR stays in L1 while A panels stream past. */
    static final int KC = 256;
    /** A task covers MB micro-panels of rows by NB of columns (192 rows x 4 panels of C): A rows in L2, a B panel in L1. */
    private static final int MB = 32;
    private static final int NB = 4;
    /**
     * Products with m and n at least this large (and A not transposed) are wide ({@link #wide}):
     * {@code MR2 x NR} micro-tiles, A and B packed once per task and per call: 1.03-1.26x the 6-row
     * path at n = 256-1024 on one thread (docs/benchmarks.md, "GEMM, second try"); at 128 packing A
     * cost more than it saved (0.90x). Smaller products keep the 6-row tiles, which also waste less
     * on row counts like 30 or 100 that are not a multiple of 12.
     */
    static final int WIDE_MIN = 256;
    static final int MR2 = 12;
    /**
     * With several threads, wide products below this many multiply-adds take {@link #packed}: in
     * {@link #wide} every thread reads all of the packed B, which ran 0.86-1.05x, mostly under 0.95x,
     * at n = 256-512 on 2 threads (1.06-1.12x at 1024). Both paths give the same bits, so the choice cannot change a result.
     */
    private static final long WIDE_SHARED_MIN = 768L * 768 * 768;
    /**
     * Parallel products are cut into at least this many tasks when their size allows: with 4, a
     * (100 x 4320) x (4320 x 100) product (the ConvNet's first linear layer) made 3 full tasks and
     * a thin one, so 2 threads finished it only 1.56x faster; 8 gives 6 full and 2 thin.
     */
    private static final int MIN_TASKS = 8;
    /** Below this many multiply-adds the simple unpacked loop is used. */
    static final long SMALL = 16 * 16 * 16;
    /** Below this many multiply-adds everything runs on the calling thread. */
    private static final long PARALLEL_MIN = 96L * 96 * 96;

    /** Per-thread packing buffers, reused across calls (a fresh array per call costs more than small GEMMs). */
    private static final ThreadLocal<double[]> A_BUFFER = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> B_BUFFER = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> TILE = ThreadLocal.withInitial(() -> new double[0]);

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff,
                     double[] c, int cOff, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0);
            return;
        }
        long work = (long) m * n * k;
        if ((n < L / 2 && k > 2) || (m < MR && transB && work > SMALL)) { // few rows: no packing
            narrow(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (work <= SMALL || k <= 2 || m < MR) {
            simple(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (!transA && m >= WIDE_MIN && n >= WIDE_MIN && (work >= WIDE_SHARED_MIN || Parallel.threads() == 1)) {
            wide(transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        } else {
            packed(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        }
    }

    /**
     * Few output columns (matrix-vector like): each C element is a dot product over k, vectorised
     * along k with op(B) columns made contiguous; lanes are added in a fixed order.
     */
    private static void narrow(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff,
                               double[] c, int cOff, boolean accumulate) {
        double[] bt = b; // op(B) transposed: (n, k), each column of op(B) contiguous
        int bo = bOff;
        if (!transB) {
            bt = new double[n * k];
            bo = 0;
            for (int p = 0; p < k; p++)
                for (int j = 0; j < n; j++) bt[j * k + p] = b[bOff + p * n + j];
        }
        double[] lanes = new double[L];
        int full = k - k % L;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                int bj = bo + j * k;
                if (transA) { // a is (k, m): op(A) row i is strided, so stay scalar
                    for (int p = 0; p < k; p++) s = Math.fma(a[aOff + p * m + i], bt[bj + p], s);
                } else {
                    int ai = aOff + i * k;
                    DoubleVector acc = DoubleVector.zero(SPECIES);
                    for (int p = 0; p < full; p += L) {
                        acc = DoubleVector.fromArray(SPECIES, a, ai + p).fma(DoubleVector.fromArray(SPECIES, bt, bj + p), acc);
                    }
                    acc.intoArray(lanes, 0);
                    for (double v : lanes) s += v;
                    for (int p = full; p < k; p++) s = Math.fma(a[ai + p], bt[bj + p], s);
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    /**
     * Unpacked path for tiny products and few rows: C rows are walked in segments of 4 vectors,
     * each summed over all of k with B read in place; a partial last segment is recomputed over the last
     * 4L columns (masked loads ran several times slower here); when n < 4L, single masked vectors.
     */
    private static void simple(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff,
                               double[] c, int cOff, boolean accumulate) {
        double[] bb = b;
        int bo = bOff;
        if (transB) { // make op(B) row-major (k, n)
            bb = new double[k * n];
            bo = 0;
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++) bb[p * n + j] = b[bOff + j * k + p];
        }
        int w = 4 * L, full = n - n % w, last = n - w; // last: start of the final in-place segment
        double[] tile = buffer(TILE, w);
        int as = transA ? m : 1, ai = transA ? 1 : k; // op(A)[i][p] = a[aOff + i*ai + p*as]
        for (int i = 0; i < m; i++) {
            int arow = aOff + i * ai, crow = cOff + i * n;
            for (int j = 0; j < full; j += w) segment(a, arow, as, bb, bo + j, n, k, c, crow + j, accumulate);
            if (full < n && last > 0) { // recompute the last 4L columns (same order, same bits), keep the new ones
                segment(a, arow, as, bb, bo + last, n, k, tile, 0, false);
                for (int j = full; j < n; j++) c[crow + j] = accumulate ? c[crow + j] + tile[j - last] : tile[j - last];
            }
            for (int j = full; j < n && last < 0; j += L) { // n < 4L: one masked vector at a time
                VectorMask<Double> mask = SPECIES.indexInRange(j, n);
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int p = 0; p < k; p++) {
                    acc = DoubleVector.broadcast(SPECIES, a[arow + p * as])
                            .fma(DoubleVector.fromArray(SPECIES, bb, bo + p * n + j, mask), acc);
                }
                if (accumulate) acc = DoubleVector.fromArray(SPECIES, c, crow + j, mask).add(acc);
                acc.intoArray(c, crow + j, mask);
            }
        }
    }

    /** {@code c[co, co+4L) (+)= sum over p of a[ao + p*as] * b[bo + p*ldb, +4L)}: four independent sums. */
    private static void segment(double[] a, int ao, int as, double[] b, int bo, int ldb, int k, double[] c, int co,
                                boolean add) {
        DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++, ao += as, bo += ldb) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[ao]);
            s0 = x.fma(DoubleVector.fromArray(SPECIES, b, bo), s0);
            s1 = x.fma(DoubleVector.fromArray(SPECIES, b, bo + L), s1);
            s2 = x.fma(DoubleVector.fromArray(SPECIES, b, bo + 2 * L), s2);
            s3 = x.fma(DoubleVector.fromArray(SPECIES, b, bo + 3 * L), s3);
        }
        if (add) {
            s0 = DoubleVector.fromArray(SPECIES, c, co).add(s0);
            s1 = DoubleVector.fromArray(SPECIES, c, co + L).add(s1);
            s2 = DoubleVector.fromArray(SPECIES, c, co + 2 * L).add(s2);
            s3 = DoubleVector.fromArray(SPECIES, c, co + 3 * L).add(s3);
        }
        s0.intoArray(c, co);
        s1.intoArray(c, co + L);
        s2.intoArray(c, co + 2 * L);
        s3.intoArray(c, co + 3 * L);
    }

    /**
     * The packed path. One parallel pass over a grid of C blocks ({@code MB} row panels by
     * {@code NB} column panels): each task walks the whole shared dimension in {@code KC} steps,
     * packing its own slices of A and B, so there is a single fork-join per call.
     */
    private static void packed(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff,
                               double[] c, int cOff, boolean accumulate, boolean parallel) {
        int aPanels = ceilDiv(m, MR), bPanels = ceilDiv(n, NR);
        int mb = MB, nb = NB;
        if (parallel) { // smaller blocks so that mid-sized products still give a few tasks (sizes only, never threads)
            nb = Math.min(nb, ceilDiv(bPanels, Math.max(1, MIN_TASKS / ceilDiv(aPanels, mb))));
            mb = Math.min(mb, ceilDiv(aPanels, Math.max(1, MIN_TASKS / ceilDiv(bPanels, nb))));
        }
        final int mbf = mb, nbf = nb;
        int mBlocks = ceilDiv(aPanels, mb), nBlocks = ceilDiv(bPanels, nb);
        int kcMax = Math.min(k, KC), aSize = Math.min(aPanels, mb) * MR * kcMax, bSize = Math.min(bPanels, nb) * NR * kcMax;
        Parallel.forRange(mBlocks * nBlocks, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
            double[] pa = buffer(A_BUFFER, aSize), pb = buffer(B_BUFFER, bSize), tile = buffer(TILE, MR * NR);
            for (int t = from; t < to; t++) {
                int ir0 = (t / nBlocks) * mbf, jr0 = (t % nBlocks) * nbf;
                int irEnd = Math.min(aPanels, ir0 + mbf), jrEnd = Math.min(bPanels, jr0 + nbf);
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    boolean set = p0 == 0 && !accumulate;
                    for (int jr = jr0; jr < jrEnd; jr++) packB(transB, n, k, b, bOff, p0, kc, jr * NR, jr - jr0, pb);
                    if (irEnd * MR > m) packA(transA, m, k, a, aOff, p0, kc, MR, irEnd - 1, irEnd - 1 - ir0, pa);
                    for (int jr = jr0; jr < jrEnd; jr++) {
                        int j0 = jr * NR, bo = (jr - jr0) * NR * kc;
                        for (int ir = ir0; ir < irEnd; ir++) {
                            int i0 = ir * MR, ao = (ir - ir0) * MR * kc;
                            boolean full = i0 + MR <= m && j0 + NR <= n;
                            double[] cc = full ? c : tile;
                            int co = full ? cOff + i0 * n + j0 : 0, ldc = full ? n : NR;
                            if (!full && !set) loadEdge(c, cOff, m, n, MR, i0, j0, tile);
                            boolean inPlace = i0 + MR <= m; // op(A)[i][p] at so + (i - i0) * rs + (p - p0) * ps
                            double[] src = inPlace ? a : pa;
                            int so = !inPlace ? ao : aOff + (transA ? p0 * m + i0 : i0 * k + p0);
                            int rs = !inPlace ? kc : transA ? 1 : k, ps = inPlace && transA ? m : 1;
                            if (n - j0 <= L) kernelHalf(src, so, rs, ps, pb, bo, kc, cc, co, ldc, !set);
                            else if (ps == 1 && set) kernelSetRows(src, so, rs, pb, bo, kc, cc, co, ldc);
                            else if (ps == 1) kernelAddRows(src, so, rs, pb, bo, kc, cc, co, ldc);
                            else if (set) kernelSet(src, so, rs, ps, pb, bo, kc, cc, co, ldc);
                            else kernelAdd(src, so, rs, ps, pb, bo, kc, cc, co, ldc);
                            if (!full) storeEdge(tile, c, cOff, m, n, MR, i0, j0);
                        }
                    }
                }
            }
        });
    }

    /**
     * The path of wide products, in two phases per block of {@code KC} values of k: all of op(B)'s
     * panels are packed once (in parallel) into the calling thread's buffer, then tasks of row panels
     * ({@code MR2} high, at most {@code MB} per task, at least {@code MIN_TASKS} even tasks when the
     * size allows) pack their rows of A into p-major panels ({@link #packPanel}) and sweep every
     * column panel. Against {@link #packed}'s grid of C blocks with 12-row tiles, packing B once
     * instead of once per block row gave 1.01-1.14x at n = 512-1024, and packing A for the faster
     * {@link #kernelSetPanel} another 1.06-1.11x (0.97x at 256). The summation order is
     * {@link #packed}'s, so results are bit-identical to it and for any thread count.
     */
    private static void wide(boolean transB, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, boolean accumulate, boolean parallel) {
        int aPanels = ceilDiv(m, MR2), bPanels = ceilDiv(n, NR), kcMax = Math.min(k, KC);
        int tasks = parallel ? Math.min(aPanels, Math.max(MIN_TASKS, ceilDiv(aPanels, MB))) : ceilDiv(aPanels, MB);
        double[] pb = buffer(B_BUFFER, bPanels * NR * kcMax);
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0), q0 = p0;
            boolean set = p0 == 0 && !accumulate;
            Parallel.forRange(bPanels, parallel ? 4 : Integer.MAX_VALUE, (from, to) -> {
                for (int jr = from; jr < to; jr++) packB(transB, n, k, b, bOff, q0, kc, jr * NR, jr, pb);
            });
            Parallel.forRange(tasks, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
                double[] tile = buffer(TILE, MR2 * NR);
                for (int t = from; t < to; t++) {
                    int ir0 = (int) ((long) t * aPanels / tasks), irEnd = (int) ((long) (t + 1) * aPanels / tasks);
                    double[] pa = buffer(A_BUFFER, (irEnd - ir0) * MR2 * kc);
                    for (int ir = ir0; ir < irEnd; ir++) packPanel(m, k, a, aOff, q0, kc, ir, ir - ir0, pa);
                    for (int jr = 0; jr < bPanels; jr++) {
                        int j0 = jr * NR, bo = jr * NR * kc;
                        for (int ir = ir0; ir < irEnd; ir++) {
                            int i0 = ir * MR2;
                            boolean full = i0 + MR2 <= m && j0 + NR <= n;
                            double[] cc = full ? c : tile;
                            int co = full ? cOff + i0 * n + j0 : 0, ldc = full ? n : NR;
                            if (!full && !set) loadEdge(c, cOff, m, n, MR2, i0, j0, tile);
                            if (set) kernelSetPanel(pa, (ir - ir0) * MR2 * kc, pb, bo, kc, cc, co, ldc);
                            else kernelAddPanel(pa, (ir - ir0) * MR2 * kc, pb, bo, kc, cc, co, ldc);
                            if (!full) storeEdge(tile, c, cOff, m, n, MR2, i0, j0);
                        }
                    }
                }
            });
        }
    }

    /** Packs row panel q of A (not transposed), columns {@code [p0, p0+kc)}, p-major ({@code MR2} values per step), zero rows past m. */
    private static void packPanel(int m, int k, double[] a, int aOff, int p0, int kc, int q, int slot, double[] pa) {
        int i0 = q * MR2, base = slot * MR2 * kc;
        for (int r = 0; r < MR2; r++) { // row by row: each read runs along a row of A
            int src = aOff + (i0 + r) * k + p0, dst = base + r;
            if (i0 + r < m) for (int p = 0; p < kc; p++) pa[dst + p * MR2] = a[src + p];
            else for (int p = 0; p < kc; p++) pa[dst + p * MR2] = 0;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static double[] buffer(ThreadLocal<double[]> cache, int size) {
        double[] buf = cache.get();
        if (buf.length < size) {
            buf = new double[size];
            cache.set(buf);
        }
        return buf;
    }

    /** Edge tiles run the same kernel on a padded mr x NR temp tile: this copies C's part in (when adding). */
    private static void loadEdge(double[] c, int cOff, int m, int n, int mr, int i0, int j0, double[] tile) {
        int rows = Math.min(mr, m - i0), cols = Math.min(NR, n - j0);
        for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + (i0 + r) * n + j0, tile, r * NR, cols);
    }

    /** Copies the valid part of an edge tile back to C. */
    private static void storeEdge(double[] tile, double[] c, int cOff, int m, int n, int mr, int i0, int j0) {
        int rows = Math.min(mr, m - i0), cols = Math.min(NR, n - j0);
        for (int r = 0; r < rows; r++) System.arraycopy(tile, r * NR, c, cOff + (i0 + r) * n + j0, cols);
    }

    /**
     * Copies the partial last row panel {@code q} of op(A), columns {@code [p0, p0+kc)}, row-major
     * with row length kc and zero-padded, into slot.
     */
    private static void packA(boolean transA, int m, int k, double[] a, int aOff, int p0, int kc, int mr, int q,
                              int slot, double[] pa) {
        int i0 = q * mr, rows = m - i0, base = slot * mr * kc;
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < kc; p++) pa[base + r * kc + p] = a[aOff + (transA ? (p0 + p) * m + i0 + r : (i0 + r) * k + p0 + p)];
        }
        java.util.Arrays.fill(pa, base + rows * kc, base + mr * kc, 0);
    }

    /** Packs columns {@code [j0, j0+NR)} of op(B), rows {@code [p0, p0+kc)}, p-major, zero-padded, into slot q. */
    private static void packB(boolean transB, int n, int k, double[] b, int bOff, int p0, int kc, int j0, int q,
                              double[] pb) {
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
                DoubleVector.fromArray(SPECIES, b, src).intoArray(pb, dst);
                DoubleVector.fromArray(SPECIES, b, src + L).intoArray(pb, dst + L);
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
     * C tile = A x B panel, with A read as {@code MR} rows {@code lda} apart: a plain A in place, or
     * a row-major copy of a partial panel. One straight path: no calls, no branches besides the loop
     * (C2 then keeps all 12 accumulators in registers). The unit step along k lets C2 drop the
     * bounds checks: the strided form of {@link #kernelSet} ran 9 % slower here.
     */
    private static void kernelSetRows(double[] pa, int ao, int lda, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L);
            DoubleVector x0 = DoubleVector.broadcast(SPECIES, pa[a0 + p]), x1 = DoubleVector.broadcast(SPECIES, pa[a1 + p]);
            DoubleVector x2 = DoubleVector.broadcast(SPECIES, pa[a2 + p]), x3 = DoubleVector.broadcast(SPECIES, pa[a3 + p]);
            DoubleVector x4 = DoubleVector.broadcast(SPECIES, pa[a4 + p]), x5 = DoubleVector.broadcast(SPECIES, pa[a5 + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
    }


    /** C tile += A x B panel, A read as in {@link #kernelSetRows}. */
    private static void kernelAddRows(double[] pa, int ao, int lda, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L);
            DoubleVector x0 = DoubleVector.broadcast(SPECIES, pa[a0 + p]), x1 = DoubleVector.broadcast(SPECIES, pa[a1 + p]);
            DoubleVector x2 = DoubleVector.broadcast(SPECIES, pa[a2 + p]), x3 = DoubleVector.broadcast(SPECIES, pa[a3 + p]);
            DoubleVector x4 = DoubleVector.broadcast(SPECIES, pa[a4 + p]), x5 = DoubleVector.broadcast(SPECIES, pa[a5 + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        DoubleVector.fromArray(SPECIES, c, co).add(c00).intoArray(c, co);
        DoubleVector.fromArray(SPECIES, c, co + L).add(c01).intoArray(c, co + L);
        DoubleVector.fromArray(SPECIES, c, o1).add(c10).intoArray(c, o1);
        DoubleVector.fromArray(SPECIES, c, o1 + L).add(c11).intoArray(c, o1 + L);
        DoubleVector.fromArray(SPECIES, c, o2).add(c20).intoArray(c, o2);
        DoubleVector.fromArray(SPECIES, c, o2 + L).add(c21).intoArray(c, o2 + L);
        DoubleVector.fromArray(SPECIES, c, o3).add(c30).intoArray(c, o3);
        DoubleVector.fromArray(SPECIES, c, o3 + L).add(c31).intoArray(c, o3 + L);
        DoubleVector.fromArray(SPECIES, c, o4).add(c40).intoArray(c, o4);
        DoubleVector.fromArray(SPECIES, c, o4 + L).add(c41).intoArray(c, o4 + L);
        DoubleVector.fromArray(SPECIES, c, o5).add(c50).intoArray(c, o5);
        DoubleVector.fromArray(SPECIES, c, o5 + L).add(c51).intoArray(c, o5 + L);
    }

    /**
     * {@link #kernelSetRows} for a transposed A read in place: {@code A[r][p]} at {@code ao + r * rs + p * ps}
     * ({@code rs = 1, ps = m}), so no transposed copy is made.
     */
    private static void kernelSet(double[] pa, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a1 = rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs;
        for (int p = 0, q = ao; p < kc; p++, q += ps, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L);
            DoubleVector x0 = DoubleVector.broadcast(SPECIES, pa[q]), x1 = DoubleVector.broadcast(SPECIES, pa[q + a1]);
            DoubleVector x2 = DoubleVector.broadcast(SPECIES, pa[q + a2]), x3 = DoubleVector.broadcast(SPECIES, pa[q + a3]);
            DoubleVector x4 = DoubleVector.broadcast(SPECIES, pa[q + a4]), x5 = DoubleVector.broadcast(SPECIES, pa[q + a5]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
    }


    /** C tile += A x B panel, A read as in {@link #kernelSet}. */
    private static void kernelAdd(double[] pa, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a1 = rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs;
        for (int p = 0, q = ao; p < kc; p++, q += ps, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L);
            DoubleVector x0 = DoubleVector.broadcast(SPECIES, pa[q]), x1 = DoubleVector.broadcast(SPECIES, pa[q + a1]);
            DoubleVector x2 = DoubleVector.broadcast(SPECIES, pa[q + a2]), x3 = DoubleVector.broadcast(SPECIES, pa[q + a3]);
            DoubleVector x4 = DoubleVector.broadcast(SPECIES, pa[q + a4]), x5 = DoubleVector.broadcast(SPECIES, pa[q + a5]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        DoubleVector.fromArray(SPECIES, c, co).add(c00).intoArray(c, co);
        DoubleVector.fromArray(SPECIES, c, co + L).add(c01).intoArray(c, co + L);
        DoubleVector.fromArray(SPECIES, c, o1).add(c10).intoArray(c, o1);
        DoubleVector.fromArray(SPECIES, c, o1 + L).add(c11).intoArray(c, o1 + L);
        DoubleVector.fromArray(SPECIES, c, o2).add(c20).intoArray(c, o2);
        DoubleVector.fromArray(SPECIES, c, o2 + L).add(c21).intoArray(c, o2 + L);
        DoubleVector.fromArray(SPECIES, c, o3).add(c30).intoArray(c, o3);
        DoubleVector.fromArray(SPECIES, c, o3 + L).add(c31).intoArray(c, o3 + L);
        DoubleVector.fromArray(SPECIES, c, o4).add(c40).intoArray(c, o4);
        DoubleVector.fromArray(SPECIES, c, o4 + L).add(c41).intoArray(c, o4 + L);
        DoubleVector.fromArray(SPECIES, c, o5).add(c50).intoArray(c, o5);
        DoubleVector.fromArray(SPECIES, c, o5 + L).add(c51).intoArray(c, o5 + L);
    }



    /**
     * C tile = A x B panel for {@code MR2 = 12} rows of A packed p-major ({@link #packPanel}): 24
     * accumulators (of the 32 vector registers), so each B vector loaded feeds 12 FMAs instead of 6;
     * one index with constant offsets for A (201 GFLOP/s in L1, against 173 for rows read in place).
     */
    private static void kernelSetPanel(double[] pa, int ao, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        DoubleVector c80 = c00, c81 = c00, c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        for (int p = 0; p < kc; p++, ao += MR2, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L), x;
            x = DoubleVector.broadcast(SPECIES, pa[ao]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 8]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 9]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 10]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 11]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, co + 1 * ldc); c11.intoArray(c, co + 1 * ldc + L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc); c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc); c71.intoArray(c, co + 7 * ldc + L);
        c80.intoArray(c, co + 8 * ldc); c81.intoArray(c, co + 8 * ldc + L);
        c90.intoArray(c, co + 9 * ldc); c91.intoArray(c, co + 9 * ldc + L);
        ca0.intoArray(c, co + 10 * ldc); ca1.intoArray(c, co + 10 * ldc + L);
        cb0.intoArray(c, co + 11 * ldc); cb1.intoArray(c, co + 11 * ldc + L);
    }

    /** C tile += A x B panel, A as in {@link #kernelSetPanel}. */
    private static void kernelAddPanel(double[] pa, int ao, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        DoubleVector c80 = c00, c81 = c00, c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        for (int p = 0; p < kc; p++, ao += MR2, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L), x;
            x = DoubleVector.broadcast(SPECIES, pa[ao]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 8]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 9]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 10]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = DoubleVector.broadcast(SPECIES, pa[ao + 11]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
        DoubleVector.fromArray(SPECIES, c, co).add(c00).intoArray(c, co); DoubleVector.fromArray(SPECIES, c, co + L).add(c01).intoArray(c, co + L);
        DoubleVector.fromArray(SPECIES, c, co + 1 * ldc).add(c10).intoArray(c, co + 1 * ldc); DoubleVector.fromArray(SPECIES, c, co + 1 * ldc + L).add(c11).intoArray(c, co + 1 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 2 * ldc).add(c20).intoArray(c, co + 2 * ldc); DoubleVector.fromArray(SPECIES, c, co + 2 * ldc + L).add(c21).intoArray(c, co + 2 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 3 * ldc).add(c30).intoArray(c, co + 3 * ldc); DoubleVector.fromArray(SPECIES, c, co + 3 * ldc + L).add(c31).intoArray(c, co + 3 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 4 * ldc).add(c40).intoArray(c, co + 4 * ldc); DoubleVector.fromArray(SPECIES, c, co + 4 * ldc + L).add(c41).intoArray(c, co + 4 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 5 * ldc).add(c50).intoArray(c, co + 5 * ldc); DoubleVector.fromArray(SPECIES, c, co + 5 * ldc + L).add(c51).intoArray(c, co + 5 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 6 * ldc).add(c60).intoArray(c, co + 6 * ldc); DoubleVector.fromArray(SPECIES, c, co + 6 * ldc + L).add(c61).intoArray(c, co + 6 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 7 * ldc).add(c70).intoArray(c, co + 7 * ldc); DoubleVector.fromArray(SPECIES, c, co + 7 * ldc + L).add(c71).intoArray(c, co + 7 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 8 * ldc).add(c80).intoArray(c, co + 8 * ldc); DoubleVector.fromArray(SPECIES, c, co + 8 * ldc + L).add(c81).intoArray(c, co + 8 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 9 * ldc).add(c90).intoArray(c, co + 9 * ldc); DoubleVector.fromArray(SPECIES, c, co + 9 * ldc + L).add(c91).intoArray(c, co + 9 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 10 * ldc).add(ca0).intoArray(c, co + 10 * ldc); DoubleVector.fromArray(SPECIES, c, co + 10 * ldc + L).add(ca1).intoArray(c, co + 10 * ldc + L);
        DoubleVector.fromArray(SPECIES, c, co + 11 * ldc).add(cb0).intoArray(c, co + 11 * ldc); DoubleVector.fromArray(SPECIES, c, co + 11 * ldc + L).add(cb1).intoArray(c, co + 11 * ldc + L);
    }

    /** C tile (+)= A x B panel for a last panel at most L wide: the first vector of the B panel only (6 accumulators). */
    private static void kernelHalf(double[] pa, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co,
                                   int ldc, boolean add) {
        DoubleVector c0 = DoubleVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        int a1 = rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs;
        for (int p = 0, q = ao; p < kc; p++, q += ps, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo);
            c0 = DoubleVector.broadcast(SPECIES, pa[q]).fma(b0, c0);
            c1 = DoubleVector.broadcast(SPECIES, pa[q + a1]).fma(b0, c1);
            c2 = DoubleVector.broadcast(SPECIES, pa[q + a2]).fma(b0, c2);
            c3 = DoubleVector.broadcast(SPECIES, pa[q + a3]).fma(b0, c3);
            c4 = DoubleVector.broadcast(SPECIES, pa[q + a4]).fma(b0, c4);
            c5 = DoubleVector.broadcast(SPECIES, pa[q + a5]).fma(b0, c5);
        }
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        (add ? DoubleVector.fromArray(SPECIES, c, co).add(c0) : c0).intoArray(c, co);
        (add ? DoubleVector.fromArray(SPECIES, c, o1).add(c1) : c1).intoArray(c, o1);
        (add ? DoubleVector.fromArray(SPECIES, c, o2).add(c2) : c2).intoArray(c, o2);
        (add ? DoubleVector.fromArray(SPECIES, c, o3).add(c3) : c3).intoArray(c, o3);
        (add ? DoubleVector.fromArray(SPECIES, c, o4).add(c4) : c4).intoArray(c, o4);
        (add ? DoubleVector.fromArray(SPECIES, c, o5).add(c5) : c5).intoArray(c, o5);
    }
}
