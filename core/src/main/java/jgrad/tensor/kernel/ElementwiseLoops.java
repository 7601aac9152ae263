package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-threaded loops behind {@link Elementwise}: one method per map and type over a range,
 * Vector API body and masked tail. {@code Elementwise} splits large arrays into fixed chunks and
 * calls these per chunk.
 */
final class ElementwiseLoops {
    private ElementwiseLoops() {}

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as {@code DS} has doubles, for loops that compute float32 data in double. */
    private static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(DS.length() * 32));
    private static final FloatVector F_ONE = FloatVector.broadcast(FS, 1f);
    private static final FloatVector F_ZERO = FloatVector.zero(FS);
    private static final DoubleVector D_ONE = DoubleVector.broadcast(DS, 1.0);
    private static final DoubleVector D_ZERO = DoubleVector.zero(DS);

    /** Neumaier summation step: {@code acc[0]} is the running sum, {@code acc[1]} the lost low-order part. */
    static void addCompensated(double[] acc, double v) {
        double s = acc[0], t = s + v;
        acc[1] += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
        acc[0] = t;
    }

    /** Adds the lanes of {@code v} left to right (a fixed order, unlike {@code reduceLanes}). */
    static double addLanes(DoubleVector v) {
        double s = 0;
        for (int i = 0; i < v.length(); i++) s += v.lane(i); // not toArray(): no array per call
        return s;
    }

    static void expRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.exp(x, xOff, y, yOff, n);
    }

    static void logRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.log(x, xOff, y, yOff, n);
    }

    static void tanhRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.tanh(x, xOff, y, yOff, n);
    }

    static void sigmoidRange(float[] x, int xOff, float[] y, int yOff, int n) {
        VecMath.sigmoid(x, xOff, y, yOff, n);
    }

    /**
     * {@code g} where a relu output {@code y} lets the gradient through, else {@code +0}: the rule of
     * relu's backward ({@code y > 0}, or a NaN without its sign bit), without a branch (a random
     * mask mispredicts half the time). For {@code y >= 0} the bits of y are 0 exactly at +0.
     */
    static float reluGate(float y, float g) {
        int keep = ~((Float.floatToRawIntBits(y) - 1) >> 31);
        return Float.intBitsToFloat(Float.floatToRawIntBits(g) & keep);
    }

    /** {@link #reluGate(float, float)} for float64. */
    static double reluGate(double y, double g) {
        long keep = ~((Double.doubleToRawLongBits(y) - 1) >> 63);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(g) & keep);
    }

    static void reluRange(float[] x, int xOff, float[] y, int yOff, int n) {
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

    static void sqrtRange(float[] x, int xOff, float[] y, int yOff, int n) {
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

    static void absRange(float[] x, int xOff, float[] y, int yOff, int n) {
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

    static void addRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
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

    static void subRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
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

    static void mulRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
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

    static void divRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
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

    static void maximumRange(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
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

    static void scaleRange(float[] x, int xOff, float s, float[] y, int yOff, int n) {
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

    static void addScalarRange(float[] x, int xOff, float s, float[] y, int yOff, int n) {
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

    static void axpyRange(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = FS.loopBound(n); i < end; i += FS.length()) {
            FloatVector.fromArray(FS, x, xOff + i).fma(FloatVector.broadcast(FS, alpha), FloatVector.fromArray(FS, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    static void sgdRange(float[] p, int pOff, float[] g, int gOff, int n, double lr, double wd) {
        DoubleVector vlr = DoubleVector.broadcast(DS, lr), vwd = DoubleVector.broadcast(DS, wd);
        int i = 0;
        for (int end = FH.loopBound(n); i < end; i += FH.length()) {
            DoubleVector pj = (DoubleVector) FloatVector.fromArray(FH, p, pOff + i).convertShape(VectorOperators.F2D, DS, 0);
            DoubleVector gj = (DoubleVector) FloatVector.fromArray(FH, g, gOff + i).convertShape(VectorOperators.F2D, DS, 0);
            ((FloatVector) pj.sub(gj.add(pj.mul(vwd)).mul(vlr)).convertShape(VectorOperators.D2F, FH, 0)).intoArray(p, pOff + i);
        }
        for (; i < n; i++) {
            double pj = p[pOff + i];
            p[pOff + i] = (float) (pj - lr * (g[gOff + i] + wd * pj));
        }
    }

    static void sumChunk(float[] x, int xOff, int n, double[] out, int at) {
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

    static void expRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.exp(x[xOff + i]);
    }

    static void logRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.log(x[xOff + i]);
    }

    static void tanhRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.tanh(x[xOff + i]);
    }

    static void sigmoidRange(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = 1 / (1 + Math.exp(-x[xOff + i]));
    }

    static void reluRange(double[] x, int xOff, double[] y, int yOff, int n) {
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

    static void sqrtRange(double[] x, int xOff, double[] y, int yOff, int n) {
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

    static void absRange(double[] x, int xOff, double[] y, int yOff, int n) {
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

    static void addRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
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

    static void subRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
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

    static void mulRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
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

    static void divRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
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

    static void maximumRange(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
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

    static void scaleRange(double[] x, int xOff, double s, double[] y, int yOff, int n) {
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

    static void addScalarRange(double[] x, int xOff, double s, double[] y, int yOff, int n) {
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

    static void axpyRange(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int end = DS.loopBound(n); i < end; i += DS.length()) {
            DoubleVector.fromArray(DS, x, xOff + i).fma(DoubleVector.broadcast(DS, alpha), DoubleVector.fromArray(DS, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    /** Kahan-compensated lane sums, then a Neumaier sum of lanes and tail in a fixed order. */
    static void sumChunk(double[] x, int xOff, int n, double[] out, int at) {
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
