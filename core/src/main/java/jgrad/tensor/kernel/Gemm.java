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

    /** Float32 GEMM; see the class comment for the layout. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, boolean accumulate) {
        check("sgemm", m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
        FloatGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** Float64 GEMM; see the class comment for the layout. */
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
