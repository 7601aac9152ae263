package jgrad.tensor.kernel;

import static jgrad.tensor.kernel.DoubleGemm.MR2;
import static jgrad.tensor.kernel.DoubleGemm.NR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link DoubleGemm}: each computes one tile of C, {@code MR}
 * (or {@code MR2}) rows by {@code NR} columns, from packed or in-place rows of op(A) and one packed
 * panel of op(B) ({@link #kernelTwoRows}: 2 rows over two panels), keeping the whole tile in vector
 * registers for the loop over k. {@code DoubleGemm}
 * decides the blocking and the packing; these only multiply, except {@link #transpose16}, the
 * packing's in-register transposes. Like {@code DoubleGemm}, this file is
 * the source of its 64-bit twin ({@code GemmTwinTest}).
 */
final class DoubleMicroKernels {
    private DoubleMicroKernels() {}

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /**
     * C tile (+)= A x B panel with the kernel for its layout: op(A)'s rows {@code rs} apart and its
     * steps along k {@code ps} apart; {@code set} overwrites the tile, else adds to it; {@code half}
     * for a last panel at most one vector wide.
     */
    static void tile(double[] a, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co, int ldc,
                     boolean set, boolean half) {
        if (half) kernelHalf(a, ao, rs, ps, pb, bo, kc, c, co, ldc, !set);
        else if (ps == 1 && set) kernelSetRows(a, ao, rs, pb, bo, kc, c, co, ldc);
        else if (ps == 1) kernelAddRows(a, ao, rs, pb, bo, kc, c, co, ldc);
        else if (set) kernelSet(a, ao, rs, ps, pb, bo, kc, c, co, ldc);
        else kernelAdd(a, ao, rs, ps, pb, bo, kc, c, co, ldc);
    }

    /**
     * C tile = A x B panel, with A read as {@code MR} rows {@code lda} apart: a plain A in place, or
     * a row-major copy of a partial panel. One straight path: no calls, no branches besides the loop
     * (C2 then keeps all 12 accumulators in registers). The unit step along k lets C2 drop the
     * bounds checks: the strided form of {@link #kernelSet} ran 9 % slower here.
     */
    static void kernelSetRows(double[] pa, int ao, int lda, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
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
    static void kernelAddRows(double[] pa, int ao, int lda, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
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
    static void kernelSet(double[] pa, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
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
    static void kernelAdd(double[] pa, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
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



    /** C tile (+)= A x B panel for a last panel at most L wide: the first vector of the B panel only (6 accumulators). */
    static void kernelHalf(double[] pa, int ao, int rs, int ps, double[] pb, int bo, int kc, double[] c, int co,
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

    /**
     * C tile = A x B panel for {@code MR2 = 12} rows of A, A's steps along k {@code as} apart:
     * {@code A[r][p]} at {@code ao + p * as + r}, 12 contiguous values per step. A panel packed
     * p-major ({@code DoubleGemm.packPanel}) has {@code as = MR2}; a transposed A ({@code as = m}) is
     * read in place. 24 accumulators (of the 32 vector registers), so each B vector loaded feeds 12
     * FMAs instead of 6.
     */
    static void kernelSetStrided(double[] pa, int ao, int as, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        DoubleVector c80 = c00, c81 = c00, c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        for (int p = 0; p < kc; p++, ao += as, bo += NR) {
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

    /** C tile += A x B panel, A as in {@link #kernelSetStrided}. */
    static void kernelAddStrided(double[] pa, int ao, int as, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        DoubleVector c80 = c00, c81 = c00, c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        for (int p = 0; p < kc; p++, ao += as, bo += NR) {
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

    /**
     * C tile (+)= A x B panel for {@code MR2 = 12} rows of A packed p-major ({@code A[r][p]} at
     * {@code ao + p * MR2 + r}) and a last panel at most one vector wide: the first vector of the
     * B panel only (12 accumulators), so a last panel of a few columns (the ConvNet's {@code n = 100}
     * leaves 4 with 16 double lanes) computes {@code L} columns there, not {@code NR}.
     */
    static void kernelStrided1(double[] pa, int ao, double[] pb, int bo, int kc, double[] c, int co, int ldc, boolean add) {
        DoubleVector c0 = DoubleVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, ca = c0, cb = c0;
        for (int p = 0; p < kc; p++, ao += MR2, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo);
            c0 = DoubleVector.broadcast(SPECIES, pa[ao]).fma(b0, c0);
            c1 = DoubleVector.broadcast(SPECIES, pa[ao + 1]).fma(b0, c1);
            c2 = DoubleVector.broadcast(SPECIES, pa[ao + 2]).fma(b0, c2);
            c3 = DoubleVector.broadcast(SPECIES, pa[ao + 3]).fma(b0, c3);
            c4 = DoubleVector.broadcast(SPECIES, pa[ao + 4]).fma(b0, c4);
            c5 = DoubleVector.broadcast(SPECIES, pa[ao + 5]).fma(b0, c5);
            c6 = DoubleVector.broadcast(SPECIES, pa[ao + 6]).fma(b0, c6);
            c7 = DoubleVector.broadcast(SPECIES, pa[ao + 7]).fma(b0, c7);
            c8 = DoubleVector.broadcast(SPECIES, pa[ao + 8]).fma(b0, c8);
            c9 = DoubleVector.broadcast(SPECIES, pa[ao + 9]).fma(b0, c9);
            ca = DoubleVector.broadcast(SPECIES, pa[ao + 10]).fma(b0, ca);
            cb = DoubleVector.broadcast(SPECIES, pa[ao + 11]).fma(b0, cb);
        }
        (add ? DoubleVector.fromArray(SPECIES, c, co + 0 * ldc).add(c0) : c0).intoArray(c, co + 0 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 1 * ldc).add(c1) : c1).intoArray(c, co + 1 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 2 * ldc).add(c2) : c2).intoArray(c, co + 2 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 3 * ldc).add(c3) : c3).intoArray(c, co + 3 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 4 * ldc).add(c4) : c4).intoArray(c, co + 4 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 5 * ldc).add(c5) : c5).intoArray(c, co + 5 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 6 * ldc).add(c6) : c6).intoArray(c, co + 6 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 7 * ldc).add(c7) : c7).intoArray(c, co + 7 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 8 * ldc).add(c8) : c8).intoArray(c, co + 8 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 9 * ldc).add(c9) : c9).intoArray(c, co + 9 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 10 * ldc).add(ca) : ca).intoArray(c, co + 10 * ldc);
        (add ? DoubleVector.fromArray(SPECIES, c, co + 11 * ldc).add(cb) : cb).intoArray(c, co + 11 * ldc);
    }

    /**
     * Rows 0 and 1 of a tile (+)= A x B for two column panels, the one at {@code bo} and the next
     * ({@code NR * kc} further), A as in {@link #kernelSetStrided}, C in a padded tile ({@code NR}
     * doubles per row), the second panel's rows from {@code co2}: for the last one or two rows of
     * {@code DoubleGemm.rows12}, which the 6-row kernels computed 6 at a time (the MLP's weight
     * gradient, 50 rows, spent 11 % of its time on its last 2). Eight accumulators, one per FMA in
     * flight. Each element is a chain of FMAs from 0, then stored or added, as in the other kernels.
     */
    static void kernelTwoRows(double[] pa, int ao, int as, double[] pb, int bo, int kc, double[] c, int co2, boolean add) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        for (int p = 0, bn = bo + NR * kc; p < kc; p++, ao += as, bo += NR, bn += NR) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bo), b1 = DoubleVector.fromArray(SPECIES, pb, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, pb, bn), b3 = DoubleVector.fromArray(SPECIES, pb, bn + L);
            DoubleVector x = DoubleVector.broadcast(SPECIES, pa[ao]), y = DoubleVector.broadcast(SPECIES, pa[ao + 1]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            c10 = y.fma(b0, c10); c11 = y.fma(b1, c11); c12 = y.fma(b2, c12); c13 = y.fma(b3, c13);
        }
        (add ? DoubleVector.fromArray(SPECIES, c, 0).add(c00) : c00).intoArray(c, 0);
        (add ? DoubleVector.fromArray(SPECIES, c, L).add(c01) : c01).intoArray(c, L);
        (add ? DoubleVector.fromArray(SPECIES, c, NR).add(c10) : c10).intoArray(c, NR);
        (add ? DoubleVector.fromArray(SPECIES, c, NR + L).add(c11) : c11).intoArray(c, NR + L);
        (add ? DoubleVector.fromArray(SPECIES, c, co2).add(c02) : c02).intoArray(c, co2);
        (add ? DoubleVector.fromArray(SPECIES, c, co2 + L).add(c03) : c03).intoArray(c, co2 + L);
        (add ? DoubleVector.fromArray(SPECIES, c, co2 + NR).add(c12) : c12).intoArray(c, co2 + NR);
        (add ? DoubleVector.fromArray(SPECIES, c, co2 + NR + L).add(c13) : c13).intoArray(c, co2 + NR + L);
    }

    /** Whether {@link #transpose16} can run: vectors of 16 lanes. */
    static final boolean TRANSPOSE = L == 16;
    /**
     * {@link #transpose16}'s rounds: round r pairs rows {@code d = 8 >> r} apart. In each block of
     * {@code 2d} lanes, M0-M3 mark the upper d; UP moves lane {@code l - d} to lane l, DOWN lane {@code l + d}.
     */
    private static final VectorShuffle<Double>[] UP = rounds(-1), DOWN = rounds(1);
    private static final VectorMask<Double> M0 = VectorMask.fromLong(SPECIES, 0xFF00), M1 = VectorMask.fromLong(SPECIES, 0xF0F0);
    private static final VectorMask<Double> M2 = VectorMask.fromLong(SPECIES, 0xCCCC), M3 = VectorMask.fromLong(SPECIES, 0xAAAA);

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] rounds(int step) {
        VectorShuffle<Double>[] shuffles = new VectorShuffle[4];
        for (int r = 0, d = 8; r < 4 && TRANSPOSE; r++, d /= 2) {
            int[] index = new int[L]; // lanes the blend does not take keep their own value
            for (int l = 0; l < L; l++) index[l] = (l % (2 * d) >= d) == (step < 0) ? l + step * d : l;
            shuffles[r] = VectorShuffle.fromArray(SPECIES, index, 0);
        }
        return shuffles;
    }

    /**
     * Copies rows to p-major order by 16 x 16 transposes in registers (16-lane machines only):
     * {@code dst[d + p * ds + r] = a[src + min(r, rows - 1) * ld + p]} for {@code p < kc} (a multiple
     * of 16) and {@code r < 16}: the lanes past {@code rows} (1 to 16) repeat the last row, which the
     * callers never store to C. No branch depends on rows: C2 compiles a branch not yet taken as a
     * trap, and when a new row count took one (a 512 x 512 product's last panel of 8 rows), the method
     * ran as C1's far slower vector code until recompiled; 100 such products ran at a quarter speed.
     * Each store is 16 lanes wide: with {@code ds < 16} it spills into the next step, which the next
     * store overwrites. Four rounds pair rows 8, 4, 2 and 1 apart, each pair by two one-vector
     * rearranges and two blends. A two-vector {@code rearrange(s, v)}, which the Vector API (JDK 21-25)
     * carries out as two rearranges and a blend for each result, took up to 1.7 times as long,
     * depending on how C2 compiled it (the MLP's 50 x 784 weight: 10.1-12.9 us against 6.1-7.1);
     * gathers take 2-4 times as long as the blends.
     */
    static void transpose16(double[] a, int src, int ld, int rows, int kc, double[] dst, int d, int ds) {
        VectorShuffle<Double> u0 = UP[0], d0 = DOWN[0], u1 = UP[1], d1 = DOWN[1], u2 = UP[2], d2 = DOWN[2], u3 = UP[3], d3 = DOWN[3];
        int last = (rows - 1) * ld; // rows past the last: loaded as the last
        int o1 = Math.min(ld, last), o2 = Math.min(2 * ld, last), o3 = Math.min(3 * ld, last), o4 = Math.min(4 * ld, last), o5 = Math.min(5 * ld, last);
        int o6 = Math.min(6 * ld, last), o7 = Math.min(7 * ld, last), o8 = Math.min(8 * ld, last), o9 = Math.min(9 * ld, last), oa = Math.min(10 * ld, last);
        int ob = Math.min(11 * ld, last), oc = Math.min(12 * ld, last), od = Math.min(13 * ld, last), oe = Math.min(14 * ld, last), of = Math.min(15 * ld, last);
        for (int p = 0; p < kc; p += 16, src += 16, d += 16 * ds) {
            DoubleVector t, r0 = DoubleVector.fromArray(SPECIES, a, src), r1 = DoubleVector.fromArray(SPECIES, a, src + o1), r2 = DoubleVector.fromArray(SPECIES, a, src + o2);
            DoubleVector r3 = DoubleVector.fromArray(SPECIES, a, src + o3), r4 = DoubleVector.fromArray(SPECIES, a, src + o4), r5 = DoubleVector.fromArray(SPECIES, a, src + o5);
            DoubleVector r6 = DoubleVector.fromArray(SPECIES, a, src + o6), r7 = DoubleVector.fromArray(SPECIES, a, src + o7), r8 = DoubleVector.fromArray(SPECIES, a, src + o8);
            DoubleVector r9 = DoubleVector.fromArray(SPECIES, a, src + o9), ra = DoubleVector.fromArray(SPECIES, a, src + oa), rb = DoubleVector.fromArray(SPECIES, a, src + ob);
            DoubleVector rc = DoubleVector.fromArray(SPECIES, a, src + oc), rd = DoubleVector.fromArray(SPECIES, a, src + od), re = DoubleVector.fromArray(SPECIES, a, src + oe);
            DoubleVector rf = DoubleVector.fromArray(SPECIES, a, src + of);
            t = r0.blend(r8.rearrange(u0), M0); r8 = r0.rearrange(d0).blend(r8, M0); r0 = t; t = r1.blend(r9.rearrange(u0), M0); r9 = r1.rearrange(d0).blend(r9, M0); r1 = t;
            t = r2.blend(ra.rearrange(u0), M0); ra = r2.rearrange(d0).blend(ra, M0); r2 = t; t = r3.blend(rb.rearrange(u0), M0); rb = r3.rearrange(d0).blend(rb, M0); r3 = t;
            t = r4.blend(rc.rearrange(u0), M0); rc = r4.rearrange(d0).blend(rc, M0); r4 = t; t = r5.blend(rd.rearrange(u0), M0); rd = r5.rearrange(d0).blend(rd, M0); r5 = t;
            t = r6.blend(re.rearrange(u0), M0); re = r6.rearrange(d0).blend(re, M0); r6 = t; t = r7.blend(rf.rearrange(u0), M0); rf = r7.rearrange(d0).blend(rf, M0); r7 = t;
            t = r0.blend(r4.rearrange(u1), M1); r4 = r0.rearrange(d1).blend(r4, M1); r0 = t; t = r1.blend(r5.rearrange(u1), M1); r5 = r1.rearrange(d1).blend(r5, M1); r1 = t;
            t = r2.blend(r6.rearrange(u1), M1); r6 = r2.rearrange(d1).blend(r6, M1); r2 = t; t = r3.blend(r7.rearrange(u1), M1); r7 = r3.rearrange(d1).blend(r7, M1); r3 = t;
            t = r8.blend(rc.rearrange(u1), M1); rc = r8.rearrange(d1).blend(rc, M1); r8 = t; t = r9.blend(rd.rearrange(u1), M1); rd = r9.rearrange(d1).blend(rd, M1); r9 = t;
            t = ra.blend(re.rearrange(u1), M1); re = ra.rearrange(d1).blend(re, M1); ra = t; t = rb.blend(rf.rearrange(u1), M1); rf = rb.rearrange(d1).blend(rf, M1); rb = t;
            t = r0.blend(r2.rearrange(u2), M2); r2 = r0.rearrange(d2).blend(r2, M2); r0 = t; t = r1.blend(r3.rearrange(u2), M2); r3 = r1.rearrange(d2).blend(r3, M2); r1 = t;
            t = r4.blend(r6.rearrange(u2), M2); r6 = r4.rearrange(d2).blend(r6, M2); r4 = t; t = r5.blend(r7.rearrange(u2), M2); r7 = r5.rearrange(d2).blend(r7, M2); r5 = t;
            t = r8.blend(ra.rearrange(u2), M2); ra = r8.rearrange(d2).blend(ra, M2); r8 = t; t = r9.blend(rb.rearrange(u2), M2); rb = r9.rearrange(d2).blend(rb, M2); r9 = t;
            t = rc.blend(re.rearrange(u2), M2); re = rc.rearrange(d2).blend(re, M2); rc = t; t = rd.blend(rf.rearrange(u2), M2); rf = rd.rearrange(d2).blend(rf, M2); rd = t;
            t = r0.blend(r1.rearrange(u3), M3); r1 = r0.rearrange(d3).blend(r1, M3); r0 = t; t = r2.blend(r3.rearrange(u3), M3); r3 = r2.rearrange(d3).blend(r3, M3); r2 = t;
            t = r4.blend(r5.rearrange(u3), M3); r5 = r4.rearrange(d3).blend(r5, M3); r4 = t; t = r6.blend(r7.rearrange(u3), M3); r7 = r6.rearrange(d3).blend(r7, M3); r6 = t;
            t = r8.blend(r9.rearrange(u3), M3); r9 = r8.rearrange(d3).blend(r9, M3); r8 = t; t = ra.blend(rb.rearrange(u3), M3); rb = ra.rearrange(d3).blend(rb, M3); ra = t;
            t = rc.blend(rd.rearrange(u3), M3); rd = rc.rearrange(d3).blend(rd, M3); rc = t; t = re.blend(rf.rearrange(u3), M3); rf = re.rearrange(d3).blend(rf, M3); re = t;
            r0.intoArray(dst, d); r1.intoArray(dst, d + ds); r2.intoArray(dst, d + 2 * ds); r3.intoArray(dst, d + 3 * ds);
            r4.intoArray(dst, d + 4 * ds); r5.intoArray(dst, d + 5 * ds); r6.intoArray(dst, d + 6 * ds); r7.intoArray(dst, d + 7 * ds);
            r8.intoArray(dst, d + 8 * ds); r9.intoArray(dst, d + 9 * ds); ra.intoArray(dst, d + 10 * ds); rb.intoArray(dst, d + 11 * ds);
            rc.intoArray(dst, d + 12 * ds); rd.intoArray(dst, d + 13 * ds); re.intoArray(dst, d + 14 * ds); rf.intoArray(dst, d + 15 * ds);
        }
    }
}
