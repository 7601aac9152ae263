package jgrad.tensor.kernel;

import static jgrad.tensor.kernel.FloatMicroKernels.TRANSPOSE;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelAddRows;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelAddStrided;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelHalf;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelSetRows;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelSetStrided;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelStrided1;
import static jgrad.tensor.kernel.FloatMicroKernels.kernelTwoRows;
import static jgrad.tensor.kernel.FloatMicroKernels.tile;
import static jgrad.tensor.kernel.FloatMicroKernels.transpose16;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 GEMM engine behind {@link Gemm#sgemm}: packed panels and a register-blocked micro-kernel.
 *
 * <p>C is cut into a grid of blocks computed in parallel. For each block of {@code KC} values of
 * the shared dimension, a task packs its slice of op(B) into panels {@code NR} columns wide
 * (zero-padded); the micro-kernel reads {@code MR} rows of op(A) in place, transposed or not (a
 * second kernel takes a row stride and a step along k); only a partial last panel is copied.
 * Products with m, n >= {@code WIDE_MIN} and A not transposed take {@link #wide} instead: 12-row
 * tiles, B packed once. Each C element is summed in the same order (over k, in {@code KC} blocks;
 * long products with B transposed in segments of k, {@link #longK}) whatever the thread count and
 * the path. The 32-bit and 64-bit engines are one source: {@code GemmTwinTest} derives the 64-bit
 * file from the 32-bit one by swapping the type names; edit the 32-bit file and regenerate the other.
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
    private static final int NB = 4; // even: rows12 pairs column panels inside one packed group
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
    /**
     * Below this many multiply-adds everything runs on the calling thread. At 96^3 the MLP step's
     * 100 x 784 x 50 products were split, and its 2-thread step took 0.24 ms against 0.22-0.23 on
     * one thread; at 160^3 it takes 0.22 ms, and {@code bench gemm}'s n = 128 gained nothing from
     * a second thread either way (docs/benchmarks.md, "Issue 11's goals, measured again").
     */
    private static final long PARALLEL_MIN = 160L * 160 * 160;

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
        if ((n < L / 2 && k > 2) || (m < MR && transB && work > SMALL)) { // few rows: no packing
            narrow(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (oneChain(m, n, k)) {
            simple(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (longKShape(transA, transB, m, n) && segments(m, n, k) > 1) { // before packedOnce: NR must not decide the sums
            longK(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (transB && m <= MR * MB && (long) k * ceilDiv(n, NR) * NR <= SHARED_B_MAX) {
            packedOnce(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        } else if (longKShape(transA, transB, m, n) && (work < PARALLEL_MIN || Parallel.threads() == 1)) {
            longK(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else if (!transA && m >= WIDE_MIN && n >= WIDE_MIN && (work >= WIDE_SHARED_MIN || Parallel.threads() == 1)) {
            wide(transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        } else if (!transB && m >= MR2 && (m < WIDE_MIN || n < WIDE_MIN)
                && (transA || (n >= ROWS12_MIN_N && (long) ceilDiv(m, MR2) * MR2 * k <= SHARED_B_MAX))) {
            rows12(transA, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        } else {
            packed(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, work >= PARALLEL_MIN);
        }
    }

    /**
     * Whether {@link #gemm} sums each element of an {@code (m, k) · (k, n)} product over all of k in
     * one chain of FMAs (its unpacked path, once the few-column cases are out) rather than in
     * {@code KC} blocks; {@code FloatConvolution}'s in-place GEMMs follow the same rule to give the same bits.
     */
    static boolean oneChain(int m, int n, int k) {
        return (long) m * n * k <= SMALL || k <= 2 || m < MR;
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

    /**
     * Unpacked path for tiny products and few rows: C rows are walked in segments of 4 vectors,
     * each summed over all of k with B read in place; a partial last segment is recomputed over the last
     * 4L columns (masked loads ran several times slower here); when n < 4L, single masked vectors.
     */
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
        int w = 4 * L, full = n - n % w, last = n - w; // last: start of the final in-place segment
        float[] tile = buffer(TILE, w);
        int as = transA ? m : 1, ai = transA ? 1 : k; // op(A)[i][p] = a[aOff + i*ai + p*as]
        for (int i = 0; i < m; i++) {
            int arow = aOff + i * ai, crow = cOff + i * n;
            for (int j = 0; j < full; j += w) segment(a, arow, as, bb, bo + j, n, k, c, crow + j, accumulate);
            if (full < n && last > 0) { // recompute the last 4L columns (same order, same bits), keep the new ones
                segment(a, arow, as, bb, bo + last, n, k, tile, 0, false);
                for (int j = full; j < n; j++) c[crow + j] = accumulate ? c[crow + j] + tile[j - last] : tile[j - last];
            }
            for (int j = full; j < n && last < 0; j += L) { // n < 4L: one masked vector at a time
                VectorMask<Float> mask = SPECIES.indexInRange(j, n);
                FloatVector acc = FloatVector.zero(SPECIES);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(SPECIES, a[arow + p * as])
                            .fma(FloatVector.fromArray(SPECIES, bb, bo + p * n + j, mask), acc);
                }
                if (accumulate) acc = FloatVector.fromArray(SPECIES, c, crow + j, mask).add(acc);
                acc.intoArray(c, crow + j, mask);
            }
        }
    }

    /** {@code c[co, co+4L) (+)= sum over p of a[ao + p*as] * b[bo + p*ldb, +4L)}: four independent sums. */
    private static void segment(float[] a, int ao, int as, float[] b, int bo, int ldb, int k, float[] c, int co,
                                boolean add) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++, ao += as, bo += ldb) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[ao]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bo), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bo + L), s1);
            s2 = x.fma(FloatVector.fromArray(SPECIES, b, bo + 2 * L), s2);
            s3 = x.fma(FloatVector.fromArray(SPECIES, b, bo + 3 * L), s3);
        }
        if (add) {
            s0 = FloatVector.fromArray(SPECIES, c, co).add(s0);
            s1 = FloatVector.fromArray(SPECIES, c, co + L).add(s1);
            s2 = FloatVector.fromArray(SPECIES, c, co + 2 * L).add(s2);
            s3 = FloatVector.fromArray(SPECIES, c, co + 3 * L).add(s3);
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
                               float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate, boolean parallel) {
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
            float[] pa = buffer(A_BUFFER, aSize), pb = buffer(B_BUFFER, bSize), tile = buffer(TILE, MR * NR);
            for (int t = from; t < to; t++) {
                // row blocks first: tasks that run at the same time share no rows of C, so no cache lines
                int ir0 = (t % mBlocks) * mbf, jr0 = (t / mBlocks) * nbf;
                int irEnd = Math.min(aPanels, ir0 + mbf), jrEnd = Math.min(bPanels, jr0 + nbf);
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    boolean set = p0 == 0 && !accumulate;
                    for (int jr = jr0; jr < jrEnd; jr++) { // a transposed B by transposes or gathers: 0.3x the time of a scalar copy, or less
                        if (transB) gatherB(n, k, b, bOff, p0, kc, jr * NR, pb, (jr - jr0) * NR * kc, gatherRows(n, k));
                        else packB(n, k, b, bOff, p0, kc, jr * NR, jr - jr0, pb);
                    }
                    if (irEnd * MR > m) packA(transA, m, k, a, aOff, p0, kc, MR, irEnd - 1, irEnd - 1 - ir0, pa);
                    for (int jr = jr0; jr < jrEnd; jr++) {
                        int j0 = jr * NR, bo = (jr - jr0) * NR * kc;
                        for (int ir = ir0; ir < irEnd; ir++) {
                            int i0 = ir * MR, ao = (ir - ir0) * MR * kc;
                            boolean full = i0 + MR <= m && j0 + NR <= n;
                            float[] cc = full ? c : tile;
                            int co = full ? cOff + i0 * n + j0 : 0, ldc = full ? n : NR;
                            if (!full && !set) loadEdge(c, cOff, m, n, MR, i0, j0, tile, 0);
                            boolean inPlace = i0 + MR <= m; // op(A)[i][p] at so + (i - i0) * rs + (p - p0) * ps
                            float[] src = inPlace ? a : pa;
                            int so = !inPlace ? ao : aOff + (transA ? p0 * m + i0 : i0 * k + p0);
                            int rs = !inPlace ? kc : transA ? 1 : k, ps = inPlace && transA ? m : 1;
                            tile(src, so, rs, ps, pb, bo, kc, cc, co, ldc, set, n - j0 <= L);
                            if (!full) storeEdge(tile, 0, c, cOff, m, n, MR, i0, j0);
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
     * instead of once per block row gave 1.01-1.14x at n = 512-1024, and packing A so that
     * {@link FloatMicroKernels#kernelSetStrided} reads 12 contiguous values per step another 1.06-1.11x (0.97x at 256); gathering A instead of
     * copying it value by value took the packing's time in half (docs/benchmarks.md, "fifth round"), and
     * transposing 16 x 16 blocks in registers ({@link FloatMicroKernels#transpose16}) more than in half
     * again: 1.06-1.13x for the whole product at n = 256-1024 ("ninth round").
     * The summation order is {@link #packed}'s, so results are bit-identical to it and for any thread count.
     */
    private static void wide(boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, boolean accumulate, boolean parallel) {
        int aPanels = ceilDiv(m, MR2), bPanels = ceilDiv(n, NR), kcMax = Math.min(k, KC);
        int tasks = parallel ? Math.min(aPanels, Math.max(MIN_TASKS, ceilDiv(aPanels, MB))) : ceilDiv(aPanels, MB);
        int span = Math.min(m, n) >= WIDE_ROWS_FIRST ? NB_ROWS_FIRST : 1; // column panels per block, swept row panel by row panel
        float[] pb = buffer(B_BUFFER, bPanels * NR * kcMax);
        int[] rows = new int[ceilDiv(MR2, L) * L], last = rows.clone(); // packPanel's offsets: rows 0..MR2-1, the last repeated
        for (int r = 0; r < rows.length; r++) rows[r] = Math.min(r, MR2 - 1) * k;
        for (int r = 0; r < rows.length; r++) last[r] = Math.min(r, m - (aPanels - 1) * MR2 - 1) * k;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0), q0 = p0;
            boolean set = p0 == 0 && !accumulate;
            Parallel.forRange(bPanels, parallel ? 4 : Integer.MAX_VALUE, (from, to) -> {
                for (int jr = from; jr < to && transB; jr++) gatherB(n, k, b, bOff, q0, kc, jr * NR, pb, jr * NR * kc, gatherRows(n, k));
                for (int jr = from; jr < to && !transB; jr++) packB(n, k, b, bOff, q0, kc, jr * NR, jr, pb);
            });
            Parallel.forRange(tasks, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
                float[] tile = buffer(TILE, MR2 * NR);
                for (int t = from; t < to; t++) {
                    int ir0 = (int) ((long) t * aPanels / tasks), irEnd = (int) ((long) (t + 1) * aPanels / tasks);
                    float[] pa = buffer(A_BUFFER, (irEnd - ir0) * MR2 * kc + L); // + L: packPanel's last store
                    for (int ir = ir0; ir < irEnd; ir++) packPanel(m, k, a, aOff, q0, kc, ir, ir - ir0, pa, ir < aPanels - 1 ? rows : last);
                    if (span == 1) {
                        for (int jr = 0; jr < bPanels; jr++) for (int ir = ir0; ir < irEnd; ir++) wideTile(m, n, kc, ir, ir0, jr, pa, pb, c, cOff, set, tile);
                    } else {
                        for (int jb = 0; jb < bPanels; jb += span) for (int ir = ir0; ir < irEnd; ir++) {
                            for (int jr = jb; jr < Math.min(bPanels, jb + span); jr++) wideTile(m, n, kc, ir, ir0, jr, pa, pb, c, cOff, set, tile);
                        }
                    }
                }
            });
        }
    }

    /** One tile of {@link #wide}: row panel ir (slot ir - ir0 of pa) by column panel jr, through a padded tile at the edges. */
    private static void wideTile(int m, int n, int kc, int ir, int ir0, int jr, float[] pa, float[] pb, float[] c, int cOff,
                                 boolean set, float[] tile) {
        int j0 = jr * NR, bo = jr * NR * kc, i0 = ir * MR2, ao = (ir - ir0) * MR2 * kc, mr = m - i0 <= MR ? MR : MR2;
        boolean full = i0 + MR2 <= m && j0 + NR <= n;
        float[] cc = full ? c : tile;
        int co = full ? cOff + i0 * n + j0 : 0, ldc = full ? n : NR;
        if (!full && !set) loadEdge(c, cOff, m, n, mr, i0, j0, tile, 0);
        if (mr == MR) tile(pa, ao, kc, 1, pb, bo, kc, tile, 0, NR, set, n - j0 <= L); // rows packed by packA
        else if (set) kernelSetStrided(pa, ao, MR2, pb, bo, kc, cc, co, ldc);
        else kernelAddStrided(pa, ao, MR2, pb, bo, kc, cc, co, ldc);
        if (!full) storeEdge(tile, 0, c, cOff, m, n, mr, i0, j0);
    }

    /**
     * Products with m and n both at least this large are swept by {@link #wide} row panel by row panel
     * within blocks of {@code NB_ROWS_FIRST} column panels, the A panel in L1 and the block's B panels
     * streamed from L2, so C is written along its rows (page by page, which the hardware prefetches)
     * instead of in 32-column strips of rows 3-4 KB apart, re-read from L3 for every block of k: 1.07-1.18x
     * at n = 768-2048 square and 1.00-1.18x on non-square shapes with m, n >= 768 (main's build and this
     * one alternated in one JVM, CPU time). With m or n under 768 the column-panel order stays: the new
     * one ran 0.93-0.98x on shapes like 512 x 2048, 384 x 3072 or 4096 x 256 (and 1.03-1.06x slower at
     * n = 256-512 square). Only the order of the tiles changes, never a tile's sum, so the bits are the same.
     */
    private static final int WIDE_ROWS_FIRST = 768;
    private static final int NB_ROWS_FIRST = 16;

    /**
     * Packs row panel q of A (not transposed), columns {@code [p0, p0+kc)}, into slot: p-major
     * ({@code MR2} values per step), 16 steps at a time by {@link FloatMicroKernels#transpose16} (a
     * 12 x 256 panel in 0.4-0.6 us against 1.6 us with gathers), the rest of the steps (and all of them
     * with other vector widths) with gathers down the rows at the offsets {@code rows} (half the
     * time of a scalar copy); a store may spill up to L - 1 values past its step, which a later store
     * overwrites (or the buffer's slack takes). A partial panel repeats its last row (the tile rows
     * past m are never stored); one of at most {@code MR} rows goes row-major to the 6-row kernel
     * ({@link #packA}) instead, which wastes less ({@code 256 = 21 * 12 + 4}).
     */
    private static void packPanel(int m, int k, float[] a, int aOff, int p0, int kc, int q, int slot, float[] pa, int[] rows) {
        int i0 = q * MR2, src = aOff + i0 * k + p0, base = slot * MR2 * kc, done = TRANSPOSE && m - i0 > MR ? kc & -16 : 0;
        if (m - i0 <= MR) packA(false, m, k, a, aOff, p0, kc, MR, 2 * q, 2 * slot, pa);
        if (done > 0) transpose16(a, src, k, Math.min(MR2, m - i0), done, pa, base, MR2);
        for (int r0 = rows.length - L; r0 >= 0 && m - i0 > MR; r0 -= L) { // last group first: a lower one overwrites its spill
            for (int p = done; p < kc; p++) FloatVector.fromArray(SPECIES, a, src + p, rows, r0).intoArray(pa, base + r0 + p * MR2);
        }
    }

    /** {@link #rows12} packs a plain A only for products at least this wide, where each packed row serves 8 column panels or more. */
    private static final int ROWS12_MIN_N = 8 * NR;

    /**
     * Products that are not wide, with B not transposed and op(A) of at least 12 rows, such as the
     * ConvNet's linear-layer gradients {@code (100 x 100) x (100 x 4320)} (A plain or transposed) and
     * its convolution {@code (576 x 25) x (25 x 32)} (A transposed): 12-row tiles
     * ({@link FloatMicroKernels#kernelSetStrided}) with B's column panels packed one at a time. A
     * transposed A is read in place (each step along k, 12 contiguous values); a plain A is packed
     * p-major once per task and block of k (all of it, at most {@code SHARED_B_MAX} floats, and only for
     * products at least {@code ROWS12_MIN_N} wide). The last {@code m % 12} rows (packed) and panels at
     * most one vector wide run the 6-row kernels, but a last one or two rows run
     * {@link FloatMicroKernels#kernelTwoRows} on pairs of column panels (a task's odd last panel keeps the
     * 6-row kernel). Tasks are groups of column panels (at most
     * {@code MIN_TASKS}, fixed by the size). Each C element is summed as in {@link #packed}: the same
     * bits on any path and thread count.
     */
    private static void rows12(boolean transA, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate, boolean parallel) {
        int aPanels = ceilDiv(m, MR2), bPanels = ceilDiv(n, NR), kcMax = Math.min(k, KC), last = m / MR2;
        int groups = parallel ? Math.min(bPanels, MIN_TASKS) : 1;
        // a plain A, packed once for all tasks: block p0's panel ir from aPanels * MR2 * p0 + ir * MR2 * kc (8 tasks each packing it cost 0.1 ms in ga·w)
        float[] shared = transA ? null : buffer(SHARED_A, aPanels * MR2 * k);
        for (int i = 0; i < aPanels * MR2 && !transA; i++) {
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0), dst = aPanels * MR2 * p0 + (i / MR2) * MR2 * kc + i % MR2, src = aOff + i * k + p0;
                for (int p = 0; p < kc; p++, dst += MR2) shared[dst] = i < m ? a[src + p] : 0;
            }
        }
        Parallel.forRange(groups, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
            float[] pa = transA ? buffer(A_BUFFER, MR2 * kcMax) : shared, pb = buffer(B_BUFFER, NB * NR * kcMax);
            float[] tile = buffer(TILE, MR2 * NR);
            for (int t = from; t < to; t++) {
                int jr0 = (int) ((long) t * bPanels / groups), jrEnd = (int) ((long) (t + 1) * bPanels / groups);
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    boolean set = p0 == 0 && !accumulate;
                    if (transA && last < aPanels) packRowsT(m, a, aOff, p0, kc, last, pa);
                    for (int jr = jr0; jr < jrEnd; jr++) {
                        int j0 = jr * NR, cols = Math.min(NR, n - j0), bo = (jr - jr0) % NB * NR * kc;
                        if ((jr - jr0) % NB == 0) { // NB panels at a time: rows of B read NB * NR wide (one panel at a time ran slower on a cold B)
                            for (int q = jr; q < Math.min(jrEnd, jr + NB); q++) packB(n, k, b, bOff, p0, kc, q * NR, q - jr, pb);
                        }
                        for (int ir = 0; ir < aPanels; ir++) {
                            int i0 = ir * MR2, rows = Math.min(MR2, m - i0);
                            boolean inPlace = transA && ir < last, full = rows == MR2 && cols == NR;
                            float[] src = inPlace ? a : pa, cc = full ? c : tile; // op(A)[i0 + r][p0 + p] at src[ao + r + p * as]
                            int ao = inPlace ? aOff + p0 * m + i0 : transA ? 0 : aPanels * MR2 * p0 + ir * MR2 * kc, as = inPlace ? m : MR2;
                            int co = full ? cOff + i0 * n + j0 : 0, ldc = full ? n : NR;
                            // a last 1-2 rows: panels jr and jr + 1 (both in pb: NB is even) in one call
                            boolean two = rows <= 2 && jr + 1 < jrEnd, second = rows <= 2 && (jr - jr0) % 2 == 1;
                            if (second) continue;
                            if (!full && !set) loadEdge(c, cOff, m, n, MR2, i0, j0, tile, 0);
                            if (two && !set) loadEdge(c, cOff, m, n, MR2, i0, j0 + NR, tile, MR * NR);
                            if (two) {
                                kernelTwoRows(src, ao, as, pb, bo, kc, tile, MR * NR, !set);
                                storeEdge(tile, MR * NR, c, cOff, m, n, MR2, i0, j0 + NR);
                            } else if (rows == MR2 && cols > L) {
                                if (set) kernelSetStrided(src, ao, as, pb, bo, kc, cc, co, ldc);
                                else kernelAddStrided(src, ao, as, pb, bo, kc, cc, co, ldc);
                            } else {
                                for (int r = 0; r < rows; r += MR) tile(src, ao + r, 1, as, pb, bo, kc, tile, r * NR, NR, set, cols <= L);
                            }
                            if (!full) storeEdge(tile, 0, c, cOff, m, n, MR2, i0, j0);
                        }
                    }
                }
            }
        });
    }

    /** Packs the partial last row panel q of a transposed A ({@code (k, m)}), steps {@code [p0, p0+kc)}, p-major, zero rows past m, into slot 0. */
    private static void packRowsT(int m, float[] a, int aOff, int p0, int kc, int q, float[] pa) {
        int i0 = q * MR2, rows = m - i0;
        for (int p = 0; p < kc; p++) {
            int src = aOff + (p0 + p) * m + i0, dst = p * MR2;
            for (int r = 0; r < rows; r++) pa[dst + r] = a[src + r];
            for (int r = rows; r < MR2; r++) pa[dst + r] = 0;
        }
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

    /** Edge tiles run the same kernel on a padded mr x NR temp tile (at {@code to}): this copies C's part in (when adding). */
    private static void loadEdge(float[] c, int cOff, int m, int n, int mr, int i0, int j0, float[] tile, int to) {
        int rows = Math.min(mr, m - i0), cols = Math.min(NR, n - j0);
        for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + (i0 + r) * n + j0, tile, to + r * NR, cols);
    }

    /** Copies the valid part of an edge tile back to C. */
    private static void storeEdge(float[] tile, int to, float[] c, int cOff, int m, int n, int mr, int i0, int j0) {
        int rows = Math.min(mr, m - i0), cols = Math.min(NR, n - j0);
        for (int r = 0; r < rows; r++) System.arraycopy(tile, to + r * NR, c, cOff + (i0 + r) * n + j0, cols);
    }

    /**
     * Copies the partial last row panel {@code q} of op(A), columns {@code [p0, p0+kc)}, row-major
     * with row length kc and zero-padded, into slot.
     */
    private static void packA(boolean transA, int m, int k, float[] a, int aOff, int p0, int kc, int mr, int q,
                              int slot, float[] pa) {
        int i0 = q * mr, rows = m - i0, base = slot * mr * kc;
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < kc; p++) pa[base + r * kc + p] = a[aOff + (transA ? (p0 + p) * m + i0 + r : (i0 + r) * k + p0 + p)];
        }
        java.util.Arrays.fill(pa, base + rows * kc, base + mr * kc, 0);
    }

    /** Packs columns {@code [j0, j0+NR)} of B (not transposed), rows {@code [p0, p0+kc)}, p-major, zero-padded, into slot q. */
    private static void packB(int n, int k, float[] b, int bOff, int p0, int kc, int j0, int q, float[] pb) {
        int cols = Math.min(NR, n - j0), base = q * NR * kc;
        if (cols == NR) {
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

    /** Most floats of op(B) that {@link #packedOnce} packs in one piece (1 MB, half of L2). */
    private static final long SHARED_B_MAX = 1L << 18;
    /** {@link #gatherB}'s offsets, kept per thread with the (k, n) they were made for in the last two slots. */
    private static final ThreadLocal<int[]> ROWS = ThreadLocal.withInitial(() -> new int[2 * NR + 2]);
    /** {@link #rows12}'s plain A, packed once per call by the calling thread and read by every task. */
    private static final ThreadLocal<float[]> SHARED_A = ThreadLocal.withInitial(() -> new float[0]);
    /** The whole of op(B), packed once per call by the calling thread and read by every task. */
    private static final ThreadLocal<float[]> SHARED_B = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * {@link #packB} for a transposed B: {@code pb[base + p * NR + jj] = op(B)[p0 + p][j0 + jj]}; 16 steps
     * at a time by {@link FloatMicroKernels#transpose16} (a 32 x 256 panel in 0.9-1.3 us against 2.0-2.5),
     * the rest with gathers: {@code rows} holds the offsets {@code jj * k} (a partial panel's from
     * {@code NR} on, 0 past its columns). Columns past {@code n} hold copies of real columns, not zeros:
     * lanes are independent and those columns of C are never stored.
     * Gathers alone took a third of a scalar copy's time.
     */
    private static void gatherB(int n, int k, float[] b, int bOff, int p0, int kc, int j0, float[] pb, int base, int[] rows) {
        int cols = Math.min(NR, n - j0), src = bOff + j0 * k + p0, done = TRANSPOSE ? kc & -16 : 0, o = cols == NR ? 0 : NR;
        for (int g = 0; g < NR && done > 0; g += L) transpose16(b, src + Math.min(g, cols - 1) * k, k, Math.max(1, Math.min(L, cols - g)), done, pb, base + g, NR);
        for (int p = done; p < kc; p++) { // offsets o: a partial panel's, whose lanes past n read column j0 again (masked gathers ran 20x slower)
            FloatVector.fromArray(SPECIES, b, src + p, rows, o).intoArray(pb, base + p * NR);
            FloatVector.fromArray(SPECIES, b, src + p, rows, o + L).intoArray(pb, base + p * NR + L);
        }
    }

    /** This thread's {@link #gatherB} offsets for a transposed B of n rows of length k: all NR, then those of a last partial panel (0 past its columns). */
    private static int[] gatherRows(int n, int k) {
        int[] rows = ROWS.get();
        if (rows[2 * NR] != k || rows[2 * NR + 1] != n) {
            for (int jj = 0; jj < NR; jj++) rows[jj] = rows[NR + jj] = jj * k;
            for (int jj = n - (ceilDiv(n, NR) - 1) * NR; jj < NR; jj++) rows[NR + jj] = 0;
            rows[2 * NR] = k;
            rows[2 * NR + 1] = n;
        }
        return rows;
    }

    /**
     * Slot (of {@code NR * kc} floats) of the first panel of the block at {@code p0}, after the
     * previous block's {@code bPanels} panels from slot {@code q0} ({@code NR * KC} floats each).
     */
    private static int firstSlot(int q0, int bPanels, int p0, int kc) {
        return p0 == 0 ? 0 : ceilDiv((q0 + bPanels) * NR * KC, NR * kc);
    }

    /**
     * {@link #packed} for a transposed B, few rows (at most one block of {@code MB} row panels) and an
     * op(B) that fits in L2, such as a linear layer's {@code x wᵀ}, {@code (100 x 784) x (784 x 50)}
     * in the MNIST MLP: op(B) is gathered once, before the tasks, instead of copied element by element
     * once per block of rows (4 times for that layer; its transposed weight took 20 % of the step). Each C element is summed exactly as in {@link #packed}: {@code KC}
     * blocks of k in order, each a chain of FMAs from 0 then added to C.
     */
    private static void packedOnce(boolean transA, int m, int n, int k,
                                   float[] a, int aOff, float[] b, int bOff,
                                   float[] c, int cOff, boolean accumulate, boolean parallel) {
        int aPanels = ceilDiv(m, MR), bPanels = ceilDiv(n, NR), width = bPanels * NR;
        float[] pb = buffer(SHARED_B, k * width + NR * KC);
        int[] rows = gatherRows(n, k);
        for (int p0 = 0, q0 = 0; p0 < k; p0 += KC) { // block p0's panel q in slot q0 + q of size NR * kc
            int kc = Math.min(KC, k - p0);
            q0 = firstSlot(q0, bPanels, p0, kc);
            for (int q = 0; q < bPanels; q++) gatherB(n, k, b, bOff, p0, kc, q * NR, pb, (q0 + q) * NR * kc, rows);
        }
        int groups = parallel ? Math.max(1, Math.min(aPanels, MIN_TASKS / bPanels)) : 1, rowsPer = ceilDiv(aPanels, groups);
        groups = ceilDiv(aPanels, rowsPer);
        int nGroups = groups, kcMax = Math.min(k, KC);
        Parallel.forRange(nGroups * bPanels, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
            // edge tiles (partial rows or columns) stay in one padded tile each for all k blocks: C's part copied in once, out once
            float[] pa = buffer(A_BUFFER, MR * kcMax), tile = buffer(TILE, rowsPer * MR * NR);
            for (int t = from; t < to; t++) {
                int jr = t % bPanels, ir0 = (t / bPanels) * rowsPer, irEnd = Math.min(aPanels, ir0 + rowsPer), j0 = jr * NR;
                for (int ir = ir0; ir < irEnd && accumulate; ir++) {
                    int i0 = ir * MR, rowsHere = Math.min(MR, m - i0), cols = Math.min(NR, n - j0);
                    if (rowsHere == MR && cols == NR) continue;
                    for (int r = 0; r < rowsHere; r++) System.arraycopy(c, cOff + (i0 + r) * n + j0, tile, ((ir - ir0) * MR + r) * NR, cols);
                }
                for (int p0 = 0, q0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    q0 = firstSlot(q0, bPanels, p0, kc);
                    int bo = (q0 + jr) * NR * kc;
                    boolean set = p0 == 0 && !accumulate;
                    if (irEnd * MR > m) packA(transA, m, k, a, aOff, p0, kc, MR, irEnd - 1, 0, pa);
                    for (int ir = ir0; ir < irEnd; ir++) {
                        int i0 = ir * MR;
                        boolean full = i0 + MR <= m && j0 + NR <= n, inPlace = i0 + MR <= m;
                        float[] cc = full ? c : tile, src = inPlace ? a : pa;
                        int co = full ? cOff + i0 * n + j0 : (ir - ir0) * MR * NR, ldc = full ? n : NR;
                        int so = !inPlace ? 0 : aOff + (transA ? p0 * m + i0 : i0 * k + p0);
                        int rs = !inPlace ? kc : transA ? 1 : k, ps = inPlace && transA ? m : 1;
                        tile(src, so, rs, ps, pb, bo, kc, cc, co, ldc, set, n - j0 <= L);
                    }
                }
                for (int ir = ir0; ir < irEnd; ir++) {
                    int i0 = ir * MR, rowsHere = Math.min(MR, m - i0), cols = Math.min(NR, n - j0);
                    if (rowsHere == MR && cols == NR) continue;
                    for (int r = 0; r < rowsHere; r++) System.arraycopy(tile, ((ir - ir0) * MR + r) * NR, c, cOff + (i0 + r) * n + j0, cols);
                }
            }
        });
    }

    private static boolean longKShape(boolean transA, boolean transB, int m, int n) {
        return transB && !transA && m >= MR2 && m <= MR * MB && n <= LONG_K_COLUMNS;
    }

    /** {@link #longK} takes products with B transposed up to this many columns: a block of op(B) is then at most 256 x {@code KC} values, which stay in L2. */
    private static final int LONG_K_COLUMNS = 256;

    /**
     * Products with B transposed, few rows (at most {@code MB} 6-row panels) and few columns, whose op(B) is
     * too large for {@link #packedOnce} because k is long, such as the ConvNet's first linear layer
     * {@code (100 x 4320) x (4320 x 100)}. Per block of {@code KC} values of k, all of op(B)'s panels
     * are gathered ({@link #gatherB}) and A's rows packed p-major ({@link #packPanel}), both then in
     * L2, and the 12-row kernels run column panel by column panel; a last panel at most one vector
     * wide runs {@link FloatMicroKernels#kernelStrided1} (12 rows of one vector). Against
     * {@link #packed}'s 6-row kernels reading A in place, with the same packing of B, the layer took
     * 0.82-0.87x the time (in-JVM A/B, 1 thread). Edge tiles stay in padded tiles across the k blocks.
     *
     * <p>When {@link #segments} cuts k into segments, each is summed on its own (the first into C,
     * the others into a buffer from 0) and the threads share them out; the segments are then added
     * to C in order. Splitting C's rows or columns between the threads instead made each gather all
     * of op(B) or pack all of A again. Otherwise each C element is summed as in {@link #packed}, and
     * several threads take {@link #packed}'s grid of tasks.
     */
    private static void longK(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        int segments = segments(m, n, k), size = m * n;
        if (segments == 1) { longK(m, n, k, 0, k, a, aOff, b, bOff, c, cOff, accumulate); return; }
        float[] parts = buffer(PARTS, (segments - 1) * size); // segment s >= 1 at (s - 1) * size
        Parallel.forRange(segments, 1, (from, to) -> {
            for (int s = from; s < to; s++) { // segment s: k in [s * k / segments, (s + 1) * k / segments)
                int k0 = (int) ((long) s * k / segments), k1 = (int) ((long) (s + 1) * k / segments);
                if (s == 0) longK(m, n, k, k0, k1, a, aOff, b, bOff, c, cOff, accumulate);
                else longK(m, n, k, k0, k1, a, aOff, b, bOff, parts, (s - 1) * size, false);
            }
        });
        for (int s = 1; s < segments; s++) // added in the order of the segments
            for (int i = 0, po = (s - 1) * size; i < size; i++) c[cOff + i] += parts[po + i];
    }

    /**
     * Long-k products with at least {@code PARALLEL_MIN} multiply-adds are summed in this many
     * segments of k ({@link #longK}), equal shares: one per {@code SEGMENT_K} values, at most
     * {@code MAX_SEGMENTS}. The count depends on the shape only, not on the thread count or the
     * vector width, so neither changes a bit (but a product with fewer than {@code L / 2} columns takes
     * {@link #narrow} first, whose lane sums depend on the width). The ConvNet's
     * {@code (100 x 4320) x (4320 x 100)} gets 2.
     */
    private static int segments(int m, int n, int k) {
        return (long) m * n * k < PARALLEL_MIN ? 1 : Math.max(1, Math.min(MAX_SEGMENTS, k / SEGMENT_K));
    }

    private static final int SEGMENT_K = 2048;
    private static final int MAX_SEGMENTS = 8;
    /** {@link #longK}'s segments after the first, summed by whichever thread took them; the calling thread's buffer. */
    private static final ThreadLocal<float[]> PARTS = ThreadLocal.withInitial(() -> new float[0]);

    /** {@link #longK} over k in {@code [kFrom, kTo)}, in {@code KC} blocks from kFrom; A and B rows are k long. */
    private static void longK(int m, int n, int k, int kFrom, int kTo, float[] a, int aOff, float[] b, int bOff,
                              float[] c, int cOff, boolean accumulate) {
        int aPanels = ceilDiv(m, MR2), bPanels = ceilDiv(n, NR), kcMax = Math.min(kTo - kFrom, KC);
        int[] rowsB = gatherRows(n, k), rows = new int[ceilDiv(MR2, L) * L], last = rows.clone(); // as in wide
        for (int r = 0; r < rows.length; r++) rows[r] = Math.min(r, MR2 - 1) * k;
        for (int r = 0; r < rows.length; r++) last[r] = Math.min(r, m - (aPanels - 1) * MR2 - 1) * k;
        float[] pa = buffer(A_BUFFER, aPanels * MR2 * kcMax + L), pb = buffer(B_BUFFER, bPanels * NR * kcMax);
        float[] tile = buffer(TILE, aPanels * bPanels * MR2 * NR); // edge tile (ir, jr) at (ir * bPanels + jr) * MR2 * NR
        for (int p0 = kFrom; p0 < kTo; p0 += KC) {
            int kc = Math.min(KC, kTo - p0);
            boolean set = p0 == kFrom && !accumulate;
            for (int q = 0; q < bPanels; q++) gatherB(n, k, b, bOff, p0, kc, q * NR, pb, q * NR * kc, rowsB);
            for (int ir = 0; ir < aPanels; ir++) packPanel(m, k, a, aOff, p0, kc, ir, ir, pa, ir < aPanels - 1 ? rows : last);
            for (int jr = 0; jr < bPanels; jr++) {
                int j0 = jr * NR, bo = jr * NR * kc;
                for (int ir = 0; ir < aPanels; ir++) {
                    int i0 = ir * MR2, ao = ir * MR2 * kc, mr = m - i0 <= MR ? MR : MR2, to = (ir * bPanels + jr) * MR2 * NR;
                    boolean full = i0 + MR2 <= m && j0 + NR <= n;
                    float[] cc = full ? c : tile;
                    int co = full ? cOff + i0 * n + j0 : to, ldc = full ? n : NR;
                    if (!full && p0 == kFrom && accumulate) loadEdge(c, cOff, m, n, mr, i0, j0, tile, to);
                    // rows packed by packA; the kernels called directly, not through tile(), whose inlined branch profile packedOnce shares
                    if (mr == MR && j0 + L >= n) kernelHalf(pa, ao, kc, 1, pb, bo, kc, cc, co, ldc, !set);
                    else if (mr == MR && set) kernelSetRows(pa, ao, kc, pb, bo, kc, cc, co, ldc);
                    else if (mr == MR) kernelAddRows(pa, ao, kc, pb, bo, kc, cc, co, ldc);
                    else if (j0 + L >= n) kernelStrided1(pa, ao, pb, bo, kc, cc, co, ldc, !set);
                    else if (set) kernelSetStrided(pa, ao, MR2, pb, bo, kc, cc, co, ldc);
                    else kernelAddStrided(pa, ao, MR2, pb, bo, kc, cc, co, ldc);
                    if (!full && p0 + kc == kTo) storeEdge(tile, to, c, cOff, m, n, mr, i0, j0);
                }
            }
        }
    }
}
