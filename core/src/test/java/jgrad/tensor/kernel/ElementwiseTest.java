package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
    /** Lengths around the vector width, plus one large enough to go parallel. */
    private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 33, 100, 1000, (1 << 16) + 5};

    interface FloatUnary {
        void apply(float[] x, int xOff, float[] y, int yOff, int n);
    }

    interface DoubleUnary {
        void apply(double[] x, int xOff, double[] y, int yOff, int n);
    }

    interface FloatBinary {
        void apply(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);
    }

    interface DoubleBinary {
        void apply(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n);
    }

    @Test
    void unaryFloatMapsMatchMath() {
        checkUnary("exp", Elementwise::exp, Math::exp, -20, 20, 2);
        checkUnary("log", Elementwise::log, Math::log, 1e-6, 1e6, 2);
        checkUnary("tanh", Elementwise::tanh, Math::tanh, -10, 10, 3);
        checkUnary("sigmoid", Elementwise::sigmoid, v -> 1 / (1 + Math.exp(-v)), -30, 30, 3);
        checkUnary("relu", Elementwise::relu, v -> v > 0 ? v : 0, -5, 5, 0);
        checkUnary("sqrt", Elementwise::sqrt, Math::sqrt, 0, 100, 0.5);
        checkUnary("abs", Elementwise::abs, Math::abs, -5, 5, 0);
    }

    @Test
    void unaryDoubleMapsAreWithinTwoUlpOfMath() {
        checkUnaryDouble("exp", Elementwise::exp, Math::exp, -700, 700, 2);
        checkUnaryDouble("log", Elementwise::log, Math::log, 1e-300, 1e300, 2);
        checkUnaryDouble("tanh", Elementwise::tanh, Math::tanh, -20, 20, 2);
        checkUnaryDouble("sigmoid", Elementwise::sigmoid, v -> 1 / (1 + Math.exp(-v)), -40, 40, 2);
        checkUnaryDouble("relu", Elementwise::relu, v -> v > 0 ? v : 0, -5, 5, 0);
        checkUnaryDouble("sqrt", Elementwise::sqrt, Math::sqrt, 0, 1e10, 0);
        checkUnaryDouble("abs", Elementwise::abs, Math::abs, -5, 5, 0);
    }

    @Test
    void specialValuesFollowIeee() {
        float[] x = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f};
        float[] y = new float[x.length];
        Elementwise.log(x, 0, y, 0, x.length);
        assertThat(y[0]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(y[2]).isNaN();
        assertThat(y[3]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[5]).isNaN();
        Elementwise.exp(x, 0, y, 0, x.length);
        assertThat(y[3]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[4]).isZero();
        Elementwise.sigmoid(x, 0, y, 0, x.length);
        assertThat(y[0]).isEqualTo(0.5f);
        assertThat(y[3]).isEqualTo(1f);
        assertThat(y[4]).isZero();
        Elementwise.relu(x, 0, y, 0, x.length);
        assertThat(y[2]).as("relu keeps NaN").isNaN();
        assertThat(y[5]).isZero();
        double[] xd = {Double.NaN, 1, -3};
        double[] yd = new double[3];
        Elementwise.relu(xd, 0, yd, 0, 3);
        assertThat(yd[0]).isNaN();
        Elementwise.maximum(xd, 0, new double[] {0, 0, 0}, 0, yd, 0, 3);
        assertThat(yd[0]).as("maximum propagates NaN").isNaN();
        assertThat(yd[1]).isEqualTo(1);
    }

    @Test
    void binaryMapsMatchScalarArithmetic() {
        checkBinary("add", Elementwise::add, Elementwise::add, Double::sum);
        checkBinary("sub", Elementwise::sub, Elementwise::sub, (p, q) -> p - q);
        checkBinary("mul", Elementwise::mul, Elementwise::mul, (p, q) -> p * q);
        checkBinary("div", Elementwise::div, Elementwise::div, (p, q) -> p / q);
        checkBinary("maximum", Elementwise::maximum, Elementwise::maximum, Math::max);
    }

    @Test
    void scalarMapsPowAndAxpyMatchScalarArithmetic() {
        Random rng = new Random(3);
        for (int n : LENGTHS) {
            float[] x = floats(rng, n, 0.1, 3), y = new float[n + 2];
            Elementwise.scale(x, 0, 1.5f, y, 2, n);
            for (int i = 0; i < n; i++) assertEquals(x[i] * 1.5f, y[i + 2], 0f);
            Elementwise.addScalar(x, 0, -0.25f, y, 1, n);
            for (int i = 0; i < n; i++) assertEquals(x[i] - 0.25f, y[i + 1], 0f);
            Elementwise.pow(x, 0, 2, y, 0, n);
            for (int i = 0; i < n; i++) assertEquals((float) Math.pow(x[i], 2), y[i], 0f);
            Elementwise.pow(x, 0, -1.5, y, 0, n);
            for (int i = 0; i < n; i++) assertEquals((float) Math.pow(x[i], -1.5), y[i], 0f);
            float[] z = floats(rng, n, -1, 1), z0 = z.clone();
            Elementwise.axpy(0.75f, x, 0, z, 0, n);
            for (int i = 0; i < n; i++) assertEquals(z0[i] + 0.75 * x[i], z[i], 1e-6 * (Math.abs(z0[i]) + x[i]));
            double[] xd = doubles(rng, n, 0.1, 3), yd = new double[n];
            Elementwise.pow(xd, 0, 3.5, yd, 0, n);
            for (int i = 0; i < n; i++) assertEquals(Math.pow(xd[i], 3.5), yd[i], 0);
            Elementwise.scale(xd, 0, -2, yd, 0, n);
            for (int i = 0; i < n; i++) assertEquals(-2 * xd[i], yd[i], 0);
        }
    }

    @Test
    void sumIsAccurateForFloatAndDouble() {
        Random rng = new Random(4);
        for (int n : new int[] {0, 1, 17, 4096, 4097, 100_003, 300_007}) {
            float[] x = floats(rng, n, -1, 1);
            double exact = 0;
            for (float v : x) exact += v; // double accumulation of floats: exact enough here
            assertEquals(exact, Elementwise.sum(x, 0, n), 1e-9 * Math.max(1, n));
            double[] xd = doubles(rng, n, -1, 1);
            java.math.BigDecimal big = java.math.BigDecimal.ZERO;
            for (double v : xd) big = big.add(new java.math.BigDecimal(v));
            assertEquals(big.doubleValue(), Elementwise.sum(xd, 0, n), Math.ulp(big.doubleValue()) + 1e-300);
        }
        float[] x = {9, 1, 2, 3, 9};
        assertThat(Elementwise.sum(x, 1, 3)).isEqualTo(6.0);
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        Random rng = new Random(5);
        int n = 300_017;
        float[] x = floats(rng, n, -8, 8);
        double[] xd = doubles(rng, n, -8, 8);
        float[] y1 = new float[n], y2 = new float[n];
        double[] yd1 = new double[n], yd2 = new double[n];
        double[] sums = new double[4];
        Parallel.withThreads(1, () -> {
            Elementwise.sigmoid(x, 0, y1, 0, n);
            Elementwise.tanh(xd, 0, yd1, 0, n);
            sums[0] = Elementwise.sum(x, 0, n);
            sums[1] = Elementwise.sum(xd, 0, n);
        });
        Parallel.withThreads(2, () -> {
            Elementwise.sigmoid(x, 0, y2, 0, n);
            Elementwise.tanh(xd, 0, yd2, 0, n);
            sums[2] = Elementwise.sum(x, 0, n);
            sums[3] = Elementwise.sum(xd, 0, n);
        });
        assertThat(y2).isEqualTo(y1);
        assertThat(yd2).isEqualTo(yd1);
        assertThat(Double.doubleToRawLongBits(sums[2])).isEqualTo(Double.doubleToRawLongBits(sums[0]));
        assertThat(Double.doubleToRawLongBits(sums[3])).isEqualTo(Double.doubleToRawLongBits(sums[1]));
    }

    @Test
    void vectorBodyAndMaskedTailGiveTheSameBits() {
        Random rng = new Random(6);
        float[] x = floats(rng, 67, -20, 20);
        FloatUnary[] ops = {Elementwise::exp, Elementwise::tanh, Elementwise::sigmoid, Elementwise::relu};
        for (FloatUnary op : ops) {
            float[] whole = new float[x.length], single = new float[x.length];
            op.apply(x, 0, whole, 0, x.length);
            for (int i = 0; i < x.length; i++) op.apply(x, i, single, i, 1);
            assertThat(single).isEqualTo(whole);
        }
    }

    @Test
    void worksInPlace() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = (float) Math.sqrt(x[i]);
        Elementwise.sqrt(x, 0, x, 0, x.length);
        assertThat(x).containsExactly(expected);
    }

    private static void checkUnary(String name, FloatUnary op, DoubleUnaryOperator ref, double lo, double hi, double ulps) {
        Random rng = new Random(name.hashCode());
        for (int n : LENGTHS) {
            float[] x = floats(rng, n + 3, lo, hi), y = new float[n + 5];
            op.apply(x, 3, y, 1, n);
            for (int i = 0; i < n; i++) {
                float expected = (float) ref.applyAsDouble(x[i + 3]);
                float tol = (float) (ulps * Math.ulp(expected)) + (name.equals("sigmoid") ? 1e-37f : 0f);
                assertEquals(expected, y[i + 1], tol, name);
            }
            assertThat(y[0]).isZero();
            for (int i = n + 1; i < y.length; i++) assertThat(y[i]).isZero();
        }
    }

    private static void checkUnaryDouble(String name, DoubleUnary op, DoubleUnaryOperator ref, double lo, double hi, double ulps) {
        Random rng = new Random(name.hashCode() + 1);
        boolean logScale = name.equals("log");
        for (int n : LENGTHS) {
            double[] x = logScale ? logUniform(rng, n, lo, hi) : doubles(rng, n, lo, hi);
            double[] y = new double[n];
            op.apply(x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                double expected = ref.applyAsDouble(x[i]);
                assertEquals(expected, y[i], ulps * Math.ulp(expected), name);
            }
        }
    }

    private static void checkBinary(String name, FloatBinary fop, DoubleBinary dop, DoubleBinaryOperator ref) {
        Random rng = new Random(name.hashCode());
        for (int n : LENGTHS) {
            float[] a = floats(rng, n, -4, 4), b = floats(rng, n + 2, 0.5, 4), y = new float[n];
            fop.apply(a, 0, b, 2, y, 0, n);
            for (int i = 0; i < n; i++) assertEquals((float) ref.applyAsDouble(a[i], b[i + 2]), y[i], 0f, name);
            double[] ad = doubles(rng, n, -4, 4), bd = doubles(rng, n, -4, 4), yd = new double[n];
            dop.apply(ad, 0, bd, 0, yd, 0, n);
            for (int i = 0; i < n; i++) assertEquals(ref.applyAsDouble(ad[i], bd[i]), yd[i], 0, name);
        }
    }

    static float[] floats(Random rng, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return x;
    }

    static double[] doubles(Random rng, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * rng.nextDouble();
        return x;
    }

    private static double[] logUniform(Random rng, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
        return x;
    }
}
