package jgrad.tensor;

import java.util.Arrays;

/**
 * Runs a binary kernel over two tensors with NumPy broadcasting, without materialising the
 * broadcast operands. Not an op: the ops {@link Add}, {@link Mul}, {@link Div}, {@link Maximum}
 * and {@link BroadcastTo} call it from their forward.
 *
 * <p>The output is walked in runs: the longest suffix of dimensions over which each operand is
 * either contiguous (its sizes equal the output's) or constant (all its sizes are 1). A run is one
 * kernel call; a constant operand is spread into a reused buffer, and a short run is tiled over
 * several rows. So {@code (n, c) + (c)} takes about {@code n c / 1024} calls, and same-shape
 * inputs take one.
 */
final class Broadcasting {
    /** Target number of elements per kernel call when tiling short runs. */
    private static final int TILE = 1024;

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

    /** A float32 kernel of an array and one scalar, with {@code Elementwise.scale}'s signature. */
    @FunctionalInterface
    interface FloatScalarKernel {
        void run(float[] x, int xOff, float s, float[] y, int yOff, int n);
    }

    /** A float64 kernel of an array and one scalar, with {@code Elementwise.scale}'s signature. */
    @FunctionalInterface
    interface DoubleScalarKernel {
        void run(double[] x, int xOff, double s, double[] y, int yOff, int n);
    }

    /**
     * {@link #binary} for a commutative op ({@link Add}, {@link Mul}), with a fast path for a
     * one-element operand such as {@code x.mul(2)}: one call of the scalar kernel {@code fs}/{@code ds}.
     */
    static Tensor commutative(String op, Tensor a, Tensor b, FloatKernel f, DoubleKernel d,
                              FloatScalarKernel fs, DoubleScalarKernel ds) {
        Tensor x = b.numel() == 1 && Shape.broadcastsTo(b.shapeRef(), a.shapeRef()) ? a
                : a.numel() == 1 && Shape.broadcastsTo(a.shapeRef(), b.shapeRef()) ? b : null;
        if (x == null) return binary(op, a, b, f, d);
        Tensor s = x == a ? b : a, y = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) fs.run(x.floatData(), 0, s.floatData()[0], y.floatData(), 0, x.numel());
        else ds.run(x.doubleData(), 0, s.doubleData()[0], y.doubleData(), 0, x.numel());
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
        // Short runs (a bias row of 16) cost a kernel call each: when the next dim repeats one
        // operand and continues the other, tile the repeated one so a call covers `rep` rows.
        int rep = 1, k = start - 1;
        if (k >= 0 && run < TILE && ((sa[k] == 0 && sb[k] == run && modeB != 2) || (sb[k] == 0 && sa[k] == run && modeA != 2))) {
            for (int r = Math.min(out[k], TILE / run); r > 1 && rep == 1; r--) if (out[k] % r == 0) rep = r;
        }
        boolean spreadA = modeA == 2 || (rep > 1 && sa[k] == 0), spreadB = modeB == 2 || (rep > 1 && sb[k] == 0);
        int len = run * rep, calls = total / len;
        int[] offA = new int[calls], offB = new int[calls], idx = new int[start];
        for (int c = 0, ao = 0, bo = 0; c < calls; c++) { // odometer over the outer dims
            offA[c] = ao;
            offB[c] = bo;
            for (int q = start - 1; q >= 0; q--) {
                int step = q == k ? rep : 1;
                ao += sa[q] * step;
                bo += sb[q] * step;
                idx[q] += step;
                if (idx[q] < out[q]) break;
                ao -= sa[q] * out[q];
                bo -= sb[q] * out[q];
                idx[q] = 0;
            }
        }
        if (y.dtype() == DType.FLOAT32) {
            float[] av = a.floatData(), bv = b.floatData(), yv = y.floatData();
            float[] bufA = spreadA ? new float[len] : null, bufB = spreadB ? new float[len] : null;
            for (int c = 0, lastA = -1, lastB = -1; c < calls; c++) {
                if (spreadA && offA[c] != lastA) spread(av, lastA = offA[c], modeA == 2, run, bufA);
                if (spreadB && offB[c] != lastB) spread(bv, lastB = offB[c], modeB == 2, run, bufB);
                f.run(spreadA ? bufA : av, spreadA ? 0 : offA[c], spreadB ? bufB : bv, spreadB ? 0 : offB[c], yv, c * len, len);
            }
        } else {
            double[] av = a.doubleData(), bv = b.doubleData(), yv = y.doubleData();
            double[] bufA = spreadA ? new double[len] : null, bufB = spreadB ? new double[len] : null;
            for (int c = 0, lastA = -1, lastB = -1; c < calls; c++) {
                if (spreadA && offA[c] != lastA) spread(av, lastA = offA[c], modeA == 2, run, bufA);
                if (spreadB && offB[c] != lastB) spread(bv, lastB = offB[c], modeB == 2, run, bufB);
                d.run(spreadA ? bufA : av, spreadA ? 0 : offA[c], spreadB ? bufB : bv, spreadB ? 0 : offB[c], yv, c * len, len);
            }
        }
    }

    /** Fills {@code buf} with the value at {@code off} (constant run) or with copies of the run at {@code off}. */
    private static void spread(float[] v, int off, boolean constant, int run, float[] buf) {
        if (constant) Arrays.fill(buf, v[off]);
        else for (int r = 0; r < buf.length; r += run) System.arraycopy(v, off, buf, r, run);
    }

    private static void spread(double[] v, int off, boolean constant, int run, double[] buf) {
        if (constant) Arrays.fill(buf, v[off]);
        else for (int r = 0; r < buf.length; r += run) System.arraycopy(v, off, buf, r, run);
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
