package jgrad.tensor.kernel;

/**
 * General matrix multiply on dense row-major arrays: {@code C = op(A) op(B)}, or
 * {@code C += op(A) op(B)} when {@code accumulate}.
 *
 * <p>{@code op(A)} is {@code (m, k)}: A is stored {@code (m, k)}, or {@code (k, m)} when
 * {@code transA}. {@code op(B)} is {@code (k, n)}: B is stored {@code (k, n)}, or {@code (n, k)}
 * when {@code transB}. C is stored {@code (m, n)}. Leading dimensions are the stored row lengths.
 */
public final class Gemm {
    private Gemm() {}

    /** Float32 GEMM; see the class comment for the layout. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    float bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    s += av * bv;
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    /** Float64 GEMM; see the class comment for the layout. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    double bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    s += av * bv;
                }
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }
}
