package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise maps and reductions over dense arrays, in float32 and float64.
 *
 * <p>Unary maps read {@code n} elements of {@code x} from {@code xOff} and write {@code y} from
 * {@code yOff}; binary maps combine {@code a} and {@code b} element by element. {@code y} may be
 * the same array as an input (in place) when the ranges coincide exactly.
 *
 * <p>Loops use the Vector API with a masked tail. Float32 exp, log, tanh and sigmoid use
 * {@code VecMath} (about 1-2 ulp; see there why not {@code lanewise(EXP)}); float64 ones call
 * {@link Math} per element. Large arrays are split over the worker pool in fixed chunks, so
 * results never depend on the thread count.
 */
public final class Elementwise {
    private Elementwise() {}

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final FloatVector F_ONE = FloatVector.broadcast(FS, 1f);
    private static final FloatVector F_ZERO = FloatVector.zero(FS);
    private static final DoubleVector D_ONE = DoubleVector.broadcast(DS, 1.0);
    private static final DoubleVector D_ZERO = DoubleVector.zero(DS);
    /** Elements per parallel chunk (a multiple of every vector length). */
    private static final int GRAIN = 1 << 15;
    /** Sizes from which maps go parallel: transcendental maps, and cheap memory-bound ones. */
    private static final int HEAVY_MIN = 1 << 16;
    private static final int LIGHT_MIN = 1 << 18;
    /** Elements per partial sum in {@link #sum}, and partial sums per parallel chunk. */
    static final int SUM_CHUNK = 4096;
    private static final int SUM_GRAIN = 16;

    /** Neumaier summation step: {@code acc[0]} is the running sum, {@code acc[1]} the lost low-order part. */
    static void addCompensated(double[] acc, double v) {
        double s = acc[0], t = s + v;
        acc[1] += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
        acc[0] = t;
    }

    /** Adds the lanes of {@code v} left to right (a fixed order, unlike {@code reduceLanes}). */
    static double addLanes(DoubleVector v) {
        double[] lanes = v.toArray();
        double s = 0;
        for (double d : lanes) s += d;
        return s;
    }

    /** {@code y = e^x}. */
    public static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> expRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            expRange(x, xOff, y, yOff, n);
        }
    }

    private static void expRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.exp(x, xOff, y, yOff, n);
    }

    /** {@code y = natural log (log 0 = -Infinity)}. */
    public static void log(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> logRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            logRange(x, xOff, y, yOff, n);
        }
    }

    private static void logRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.log(x, xOff, y, yOff, n);
    }

    /** {@code y = hyperbolic tangent}. */
    public static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> tanhRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            tanhRange(x, xOff, y, yOff, n);
        }
    }

    private static void tanhRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.tanh(x, xOff, y, yOff, n);
    }

    /** {@code y = logistic sigmoid 1 / (1 + e^-x)}. */
    public static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> sigmoidRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            sigmoidRange(x, xOff, y, yOff, n);
        }
    }

    private static void sigmoidRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.sigmoid(x, xOff, y, yOff, n);
    }

    /** {@code y = max(x, 0); NaN stays NaN}. */
    public static void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> reluRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            reluRange(x, xOff, y, yOff, n);
        }
    }

    private static void reluRange(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i);
            (v.lanewise(VectorOperators.MAX, F_ZERO)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i, mask);
            (v.lanewise(VectorOperators.MAX, F_ZERO)).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = square root}. */
    public static void sqrt(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> sqrtRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            sqrtRange(x, xOff, y, yOff, n);
        }
    }

    private static void sqrtRange(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i);
            (v.lanewise(VectorOperators.SQRT)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i, mask);
            (v.lanewise(VectorOperators.SQRT)).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = absolute value}. */
    public static void abs(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> absRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            absRange(x, xOff, y, yOff, n);
        }
    }

    private static void absRange(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i);
            (v.lanewise(VectorOperators.ABS)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i, mask);
            (v.lanewise(VectorOperators.ABS)).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a + b}. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> addRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            addRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void addRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i), vb = FloatVector.fromArray(FS, b, bOff + i);
            va.add(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i, mask), vb = FloatVector.fromArray(FS, b, bOff + i, mask);
            va.add(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a - b}. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> subRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            subRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void subRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i), vb = FloatVector.fromArray(FS, b, bOff + i);
            va.sub(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i, mask), vb = FloatVector.fromArray(FS, b, bOff + i, mask);
            va.sub(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a * b}. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> mulRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            mulRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void mulRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i), vb = FloatVector.fromArray(FS, b, bOff + i);
            va.mul(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i, mask), vb = FloatVector.fromArray(FS, b, bOff + i, mask);
            va.mul(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a / b}. */
    public static void div(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> divRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            divRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void divRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i), vb = FloatVector.fromArray(FS, b, bOff + i);
            va.div(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i, mask), vb = FloatVector.fromArray(FS, b, bOff + i, mask);
            va.div(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = max(a, b), NaN-propagating}. */
    public static void maximum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> maximumRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            maximumRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void maximumRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i), vb = FloatVector.fromArray(FS, b, bOff + i);
            va.lanewise(VectorOperators.MAX, vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(FS, a, aOff + i, mask), vb = FloatVector.fromArray(FS, b, bOff + i, mask);
            va.lanewise(VectorOperators.MAX, vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = x * s}. */
    public static void scale(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> scaleRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            scaleRange(x, xOff, s, y, yOff, n);
        }
    }

    private static void scaleRange(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i);
            v.mul(s).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i, mask);
            v.mul(s).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = x + s}. */
    public static void addScalar(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> addScalarRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            addScalarRange(x, xOff, s, y, yOff, n);
        }
    }

    private static void addScalarRange(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i);
            v.add(s).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = FS.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i, mask);
            v.add(s).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = x^p} (IEEE {@link Math#pow} semantics; {@code p = 2} is an exact square). */
    public static void pow(float[] x, int xOff, double p, float[] y, int yOff, int n) {
        if (p == 2) {
            mul(x, xOff, x, xOff, y, yOff, n);
        } else if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) y[yOff + i] = (float) Math.pow(x[xOff + i], p);
            });
        } else {
            for (int i = 0; i < n; i++) y[yOff + i] = (float) Math.pow(x[xOff + i], p);
        }
    }

    /** {@code y += alpha * x} (one rounding per element: fused multiply-add). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> axpyRange(alpha, x, xOff + from, y, yOff + from, to - from));
        } else {
            axpyRange(alpha, x, xOff, y, yOff, n);
        }
    }

    private static void axpyRange(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector.fromArray(FS, x, xOff + i).fma(FloatVector.broadcast(FS, alpha), FloatVector.fromArray(FS, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    /**
     * Sum of {@code n} elements, accumulated in double: fixed chunks of {@value #SUM_CHUNK}
     * summed lane-wise, chunk sums added in chunk order, so the result is the same for any thread count.
     */
    public static double sum(float[] x, int xOff, int n) {
        if (n <= 0) return 0;
        int chunks = Parallel.chunks(n, SUM_CHUNK);
        double[] partial = new double[2 * chunks]; // (sum, low-order part) per chunk
        if (chunks == 1) {
            sumChunk(x, xOff, n, partial, 0);
            return partial[0] + partial[1];
        }
        Parallel.forRange(chunks, n >= LIGHT_MIN ? SUM_GRAIN : chunks, (from, to) -> {
            for (int c = from; c < to; c++) {
                int start = c * SUM_CHUNK;
                sumChunk(x, xOff + start, Math.min(SUM_CHUNK, n - start), partial, 2 * c);
            }
        });
        double[] acc = new double[2]; // chunk sums, compensated, in chunk order
        for (double v : partial) addCompensated(acc, v);
        return acc[0] + acc[1];
    }

    private static void sumChunk(float[] x, int xOff, int n, double[] out, int at) {
        DoubleVector acc0 = DoubleVector.zero(DS), acc1 = acc0;
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector v = FloatVector.fromArray(FS, x, xOff + i);
            acc0 = acc0.add(v.convertShape(VectorOperators.F2D, DS, 0));
            acc1 = acc1.add(v.convertShape(VectorOperators.F2D, DS, 1));
        }
        double tail = 0;
        for (; i < n; i++) tail += x[xOff + i];
        out[at] = addLanes(acc0.add(acc1)) + tail;
    }

    /** {@code y = e^x}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not). */
    public static void exp(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> expRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            expRange(x, xOff, y, yOff, n);
        }
    }

    private static void expRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.exp(x[xOff + i]);
    }

    /** {@code y = natural log (log 0 = -Infinity)}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not). */
    public static void log(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> logRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            logRange(x, xOff, y, yOff, n);
        }
    }

    private static void logRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.log(x[xOff + i]);
    }

    /** {@code y = hyperbolic tangent}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not). */
    public static void tanh(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> tanhRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            tanhRange(x, xOff, y, yOff, n);
        }
    }

    private static void tanhRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.tanh(x[xOff + i]);
    }

    /** {@code y = logistic sigmoid 1 / (1 + e^-x)}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not). */
    public static void sigmoid(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> sigmoidRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            sigmoidRange(x, xOff, y, yOff, n);
        }
    }

    private static void sigmoidRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = 1 / (1 + Math.exp(-x[xOff + i]));
    }

    /** {@code y = max(x, 0); NaN stays NaN}. */
    public static void relu(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> reluRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            reluRange(x, xOff, y, yOff, n);
        }
    }

    private static void reluRange(double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i);
            (v.lanewise(VectorOperators.MAX, D_ZERO)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i, mask);
            (v.lanewise(VectorOperators.MAX, D_ZERO)).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = square root}. */
    public static void sqrt(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> sqrtRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            sqrtRange(x, xOff, y, yOff, n);
        }
    }

    private static void sqrtRange(double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i);
            (v.lanewise(VectorOperators.SQRT)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i, mask);
            (v.lanewise(VectorOperators.SQRT)).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = absolute value}. */
    public static void abs(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> absRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            absRange(x, xOff, y, yOff, n);
        }
    }

    private static void absRange(double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i);
            (v.lanewise(VectorOperators.ABS)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i, mask);
            (v.lanewise(VectorOperators.ABS)).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a + b}. */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> addRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            addRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void addRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i), vb = DoubleVector.fromArray(DS, b, bOff + i);
            va.add(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i, mask), vb = DoubleVector.fromArray(DS, b, bOff + i, mask);
            va.add(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a - b}. */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> subRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            subRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void subRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i), vb = DoubleVector.fromArray(DS, b, bOff + i);
            va.sub(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i, mask), vb = DoubleVector.fromArray(DS, b, bOff + i, mask);
            va.sub(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a * b}. */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> mulRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            mulRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void mulRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i), vb = DoubleVector.fromArray(DS, b, bOff + i);
            va.mul(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i, mask), vb = DoubleVector.fromArray(DS, b, bOff + i, mask);
            va.mul(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = a / b}. */
    public static void div(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> divRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            divRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void divRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i), vb = DoubleVector.fromArray(DS, b, bOff + i);
            va.div(vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i, mask), vb = DoubleVector.fromArray(DS, b, bOff + i, mask);
            va.div(vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = max(a, b), NaN-propagating}. */
    public static void maximum(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> maximumRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            maximumRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    private static void maximumRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i), vb = DoubleVector.fromArray(DS, b, bOff + i);
            va.lanewise(VectorOperators.MAX, vb).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector va = DoubleVector.fromArray(DS, a, aOff + i, mask), vb = DoubleVector.fromArray(DS, b, bOff + i, mask);
            va.lanewise(VectorOperators.MAX, vb).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = x * s}. */
    public static void scale(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> scaleRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            scaleRange(x, xOff, s, y, yOff, n);
        }
    }

    private static void scaleRange(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i);
            v.mul(s).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i, mask);
            v.mul(s).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = x + s}. */
    public static void addScalar(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> addScalarRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            addScalarRange(x, xOff, s, y, yOff, n);
        }
    }

    private static void addScalarRange(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i);
            v.add(s).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Double> mask = DS.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(DS, x, xOff + i, mask);
            v.add(s).intoArray(y, yOff + i, mask);
        }
    }

    /** {@code y = x^p} (IEEE {@link Math#pow} semantics; {@code p = 2} is an exact square). */
    public static void pow(double[] x, int xOff, double p, double[] y, int yOff, int n) {
        if (p == 2) {
            mul(x, xOff, x, xOff, y, yOff, n);
        } else if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) y[yOff + i] = Math.pow(x[xOff + i], p);
            });
        } else {
            for (int i = 0; i < n; i++) y[yOff + i] = Math.pow(x[xOff + i], p);
        }
    }

    /** {@code y += alpha * x} (one rounding per element: fused multiply-add). */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> axpyRange(alpha, x, xOff + from, y, yOff + from, to - from));
        } else {
            axpyRange(alpha, x, xOff, y, yOff, n);
        }
    }

    private static void axpyRange(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector.fromArray(DS, x, xOff + i).fma(DoubleVector.broadcast(DS, alpha), DoubleVector.fromArray(DS, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    /**
     * Sum of {@code n} elements, accumulated in double: fixed chunks of {@value #SUM_CHUNK}
     * summed lane-wise, chunk sums added in chunk order, so the result is the same for any thread count.
     */
    public static double sum(double[] x, int xOff, int n) {
        if (n <= 0) return 0;
        int chunks = Parallel.chunks(n, SUM_CHUNK);
        double[] partial = new double[2 * chunks]; // (sum, low-order part) per chunk
        if (chunks == 1) {
            sumChunk(x, xOff, n, partial, 0);
            return partial[0] + partial[1];
        }
        Parallel.forRange(chunks, n >= LIGHT_MIN ? SUM_GRAIN : chunks, (from, to) -> {
            for (int c = from; c < to; c++) {
                int start = c * SUM_CHUNK;
                sumChunk(x, xOff + start, Math.min(SUM_CHUNK, n - start), partial, 2 * c);
            }
        });
        double[] acc = new double[2]; // chunk sums, compensated, in chunk order
        for (double v : partial) addCompensated(acc, v);
        return acc[0] + acc[1];
    }

    /** Kahan-compensated lane sums, then a Neumaier sum of lanes and tail in a fixed order. */
    private static void sumChunk(double[] x, int xOff, int n, double[] out, int at) {
        DoubleVector s = DoubleVector.zero(DS), c = s;
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector y = DoubleVector.fromArray(DS, x, xOff + i).sub(c);
            DoubleVector t = s.add(y);
            c = t.sub(s).sub(y);
            s = t;
        }
        double[] acc = new double[2];
        for (double v : s.toArray()) addCompensated(acc, v);
        addCompensated(acc, -addLanes(c));
        for (; i < n; i++) addCompensated(acc, x[xOff + i]);
        out[at] = acc[0];
        out[at + 1] = acc[1];
    }
}
