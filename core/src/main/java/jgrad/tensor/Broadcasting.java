package jgrad.tensor;

import java.util.Arrays;

/**
 * Runs a binary kernel over two tensors with NumPy broadcasting, without materialising the
 * broadcast operands. Not an op: the ops {@link Add}, {@link Mul}, {@link Div}, {@link Maximum}
 * and {@link BroadcastTo} call it from their forward.
 *
 * <p>The output is walked in runs: the longest suffix of dimensions over which each operand is
 * either contiguous (its sizes equal the output's) or constant (all its sizes are 1). A run is one
 * kernel call; a constant operand is spread into a reused buffer. So {@code (n, c) + (c)} is
 * {@code n} calls of length {@code c}, and same-shape inputs are one call.
 */
final class Broadcasting {
    private Broadcasting() {}

    /** A float32 binary kernel with {@code Elementwise}'s signature. */
    @FunctionalInterface
    interface FloatKernel {
        void run(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);
    }

    /** A float64 binary kernel with {@code Elementwise}'s signature. */
    @FunctionalInterface
    interface DoubleKernel {
        void run(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n);
    }

    /** {@code y = f(a, b)} elementwise, broadcasting both to their common shape. */
    static Tensor binary(String op, Tensor a, Tensor b, FloatKernel f, DoubleKernel d) {
        int[] out = Shape.broadcast(op, a.shapeRef(), b.shapeRef());
        Tensor y = Tensor.empty(a.dtype(), out);
        run(a, b, y, f, d);
        return y;
    }

    /** {@code x} repeated along its size-1 (and missing leading) dimensions to {@code shape}. */
    static Tensor expand(Tensor x, int[] shape) {
        Tensor y = Tensor.empty(x.dtype(), shape);
        // b is a dummy constant operand: the kernel copies a and ignores b.
        run(x, x.numel() == 0 ? x : Tensor.empty(x.dtype(), new int[0]), y,
                (a, ao, b, bo, out, oo, n) -> System.arraycopy(a, ao, out, oo, n),
                (a, ao, b, bo, out, oo, n) -> System.arraycopy(a, ao, out, oo, n));
        return y;
    }

    private static void run(Tensor a, Tensor b, Tensor y, FloatKernel f, DoubleKernel d) {
        int[] out = y.shapeRef();
        int total = y.numel();
        if (total == 0) return;
        int nd = out.length;
        int[] sa = alignedStrides(a.shapeRef(), out), sb = alignedStrides(b.shapeRef(), out);
        // Grow the run leftwards while each operand stays all-contiguous or all-constant.
        int start = nd;
        int modeA = 0, modeB = 0; // 0 undecided, 1 contiguous, 2 constant
        int run = 1;
        while (start > 0) {
            int k = start - 1;
            if (out[k] != 1) {
                int ma = sa[k] == 0 ? 2 : 1, mb = sb[k] == 0 ? 2 : 1;
                if ((modeA != 0 && ma != modeA) || (modeB != 0 && mb != modeB)) break;
                modeA = ma;
                modeB = mb;
            }
            run *= out[k];
            start = k;
        }
        boolean constA = modeA == 2, constB = modeB == 2;
        if (y.dtype() == DType.FLOAT32) {
            float[] av = a.floatData(), bv = b.floatData(), yv = y.floatData();
            float[] bufA = constA ? new float[run] : null, bufB = constB ? new float[run] : null;
            int[] idx = new int[start];
            int ao = 0, bo = 0, lastA = -1, lastB = -1;
            for (int yo = 0; yo < total; yo += run) {
                if (constA && ao != lastA) Arrays.fill(bufA, av[lastA = ao]);
                if (constB && bo != lastB) Arrays.fill(bufB, bv[lastB = bo]);
                f.run(constA ? bufA : av, constA ? 0 : ao, constB ? bufB : bv, constB ? 0 : bo, yv, yo, run);
                for (int k = start - 1; k >= 0; k--) { // odometer over the outer dims
                    ao += sa[k];
                    bo += sb[k];
                    if (++idx[k] < out[k]) break;
                    ao -= sa[k] * out[k];
                    bo -= sb[k] * out[k];
                    idx[k] = 0;
                }
            }
        } else {
            double[] av = a.doubleData(), bv = b.doubleData(), yv = y.doubleData();
            double[] bufA = constA ? new double[run] : null, bufB = constB ? new double[run] : null;
            int[] idx = new int[start];
            int ao = 0, bo = 0, lastA = -1, lastB = -1;
            for (int yo = 0; yo < total; yo += run) {
                if (constA && ao != lastA) Arrays.fill(bufA, av[lastA = ao]);
                if (constB && bo != lastB) Arrays.fill(bufB, bv[lastB = bo]);
                d.run(constA ? bufA : av, constA ? 0 : ao, constB ? bufB : bv, constB ? 0 : bo, yv, yo, run);
                for (int k = start - 1; k >= 0; k--) {
                    ao += sa[k];
                    bo += sb[k];
                    if (++idx[k] < out[k]) break;
                    ao -= sa[k] * out[k];
                    bo -= sb[k] * out[k];
                    idx[k] = 0;
                }
            }
        }
    }

    /** Strides of {@code shape} laid against {@code out} (right-aligned); 0 where it broadcasts. */
    private static int[] alignedStrides(int[] shape, int[] out) {
        int[] own = Shape.strides(shape);
        int[] s = new int[out.length];
        int off = out.length - shape.length;
        for (int i = 0; i < shape.length; i++) s[i + off] = shape[i] == 1 ? 0 : own[i];
        return s;
    }
}
