package jgrad.tensor.kernel;

/**
 * General matrix multiply on dense row-major arrays: {@code C = op(A) op(B)}, or
 * {@code C += op(A) op(B)} when {@code accumulate}.
 *
 * <p>{@code op(A)} is {@code (m, k)}: A is stored {@code (m, k)}, or {@code (k, m)} when
 * {@code transA}. {@code op(B)} is {@code (k, n)}: B is stored {@code (k, n)}, or {@code (n, k)}
 * when {@code transB}. C is stored {@code (m, n)}. Leading dimensions are the stored row lengths.
 *
 * <p>Large products run a packed, register-blocked Vector API kernel split over the worker pool
 * ({@link Parallel}); every element of C is summed in the same order for any thread count, so
 * results are bit-identical for 1 or many threads. Tiny products use a simple vector loop.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * Float32 GEMM; see the class comment for the layout.
     *
     * @param transA whether A is stored transposed, as {@code (k, m)} instead of {@code (m, k)}
     * @param transB whether B is stored transposed, as {@code (n, k)} instead of {@code (k, n)}
     * @param m rows of C and of {@code op(A)}
     * @param n columns of C and of {@code op(B)}
     * @param k the inner dimension: columns of {@code op(A)}, rows of {@code op(B)}
     * @param a A, dense row-major from {@code aOff}; leading dimension {@code k}, or {@code m} when {@code transA}
     * @param aOff index in {@code a} of A's first element
     * @param b B, dense row-major from {@code bOff}; leading dimension {@code n}, or {@code k} when {@code transB}
     * @param bOff index in {@code b} of B's first element
     * @param c C {@code (m, n)}, dense row-major from {@code cOff} with leading dimension {@code n}; written in place (must not overlap A or B)
     * @param cOff index in {@code c} of C's first element
     * @param accumulate add the product to C instead of overwriting it
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, boolean accumulate) {
        check("sgemm", m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
        FloatGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /**
     * Float64 GEMM; see the class comment for the layout.
     *
     * @param transA whether A is stored transposed, as {@code (k, m)} instead of {@code (m, k)}
     * @param transB whether B is stored transposed, as {@code (n, k)} instead of {@code (k, n)}
     * @param m rows of C and of {@code op(A)}
     * @param n columns of C and of {@code op(B)}
     * @param k the inner dimension: columns of {@code op(A)}, rows of {@code op(B)}
     * @param a A, dense row-major from {@code aOff}; leading dimension {@code k}, or {@code m} when {@code transA}
     * @param aOff index in {@code a} of A's first element
     * @param b B, dense row-major from {@code bOff}; leading dimension {@code n}, or {@code k} when {@code transB}
     * @param bOff index in {@code b} of B's first element
     * @param c C {@code (m, n)}, dense row-major from {@code cOff} with leading dimension {@code n}; written in place (must not overlap A or B)
     * @param cOff index in {@code c} of C's first element
     * @param accumulate add the product to C instead of overwriting it
     */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, boolean accumulate) {
        check("dgemm", m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
        DoubleGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    private static void check(String op, int m, int n, int k, int aLen, int aOff, int bLen, int bOff,
                              int cLen, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        if (aOff < 0 || bOff < 0 || cOff < 0
                || aOff + (long) m * k > aLen || bOff + (long) k * n > bLen || cOff + (long) m * n > cLen) {
            throw new IllegalArgumentException(op + ": arrays too short for m=" + m + ", n=" + n + ", k=" + k
                    + " (a: " + aLen + " from " + aOff + ", b: " + bLen + " from " + bOff
                    + ", c: " + cLen + " from " + cOff + ")");
        }
    }
}
