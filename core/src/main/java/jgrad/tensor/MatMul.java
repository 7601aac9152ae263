package jgrad.tensor;

import jgrad.tensor.kernel.Gemm;

/**
 * Matrix product {@code y = op(a) op(b)} for 2-D {@code (n, k) x (k, m) -> (n, m)} or batched 3-D
 * {@code (B, n, k) x (B, k, m) -> (B, n, m)}, where {@code op} transposes the last two dims of an
 * operand when its flag is set (so backward never materialises a transpose).
 *
 * <p>Backward, with {@code gy = dL/dy} and {@code ᵀ} on the last two dims:
 * <pre>
 *   plain  y = a b:    dL/da = gy bᵀ,     dL/db = aᵀ gy
 *   y = a bᵀ:          dL/da = gy b,      dL/db = gyᵀ a
 *   y = aᵀ b:          dL/da = b gyᵀ,     dL/db = a gy
 *   y = aᵀ bᵀ:         dL/da = bᵀ gyᵀ,    dL/db = gyᵀ aᵀ
 * </pre>
 */
final class MatMul extends Op {
    private final boolean transA;
    private final boolean transB;

    MatMul(boolean transA, boolean transB) {
        this.transA = transA;
        this.transB = transB;
    }

    @Override
    protected String name() {
        return "matmul";
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor a = xs[0], b = xs[1];
        int[] sa = a.shapeRef(), sb = b.shapeRef();
        int nd = sa.length;
        if (nd < 2 || nd > 3 || sb.length != nd) {
            throw new IllegalArgumentException("matmul: " + Shape.str(sa) + " and " + Shape.str(sb)
                    + " are not both 2-D or both 3-D");
        }
        int batch = nd == 3 ? sa[0] : 1;
        int n = transA ? sa[nd - 1] : sa[nd - 2], k = transA ? sa[nd - 2] : sa[nd - 1];
        int kb = transB ? sb[nd - 1] : sb[nd - 2], m = transB ? sb[nd - 2] : sb[nd - 1];
        if (k != kb || (nd == 3 && sb[0] != batch)) {
            throw new IllegalArgumentException("matmul: " + Shape.str(sa) + " and " + Shape.str(sb) + " do not chain"
                    + (nd == 3 ? " (need (b, n, k) and (b, k, m))" : " (need (n, k) and (k, m))"));
        }
        int[] shape = nd == 3 ? new int[] {batch, n, m} : new int[] {n, m};
        if (n == 0 || m == 0 || k == 0) return Tensor.empty(a.dtype(), shape); // empty product: zeros
        Tensor y = Arena.unfilled(a.dtype(), shape); // the GEMMs overwrite all of it
        for (int i = 0; i < batch; i++) {
            if (a.dtype() == DType.FLOAT32) {
                Gemm.sgemm(transA, transB, n, m, k, a.floatData(), i * n * k, b.floatData(), i * k * m,
                        y.floatData(), i * n * m, false);
            } else {
                Gemm.dgemm(transA, transB, n, m, k, a.doubleData(), i * n * k, b.doubleData(), i * k * m,
                        y.doubleData(), i * n * m, false);
            }
        }
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor a = input(0), b = input(1);
        Tensor ga = null, gb = null;
        if (needsGrad(0)) {
            ga = !transA ? new MatMul(false, !transB).apply(gy, b) : new MatMul(transB, true).apply(b, gy);
        }
        if (needsGrad(1)) {
            gb = !transB ? new MatMul(!transA, false).apply(a, gy) : new MatMul(true, transA).apply(gy, a);
        }
        return new Tensor[] {ga, gb};
    }
}
