package jgrad.tensor.kernel;

/**
 * Elementwise maps and reductions over dense arrays, in float32 and float64.
 *
 * <p>Unary maps read {@code n} elements of {@code x} from {@code xOff} and write {@code y} from
 * {@code yOff}; binary maps combine {@code a} and {@code b} element by element. {@code y} may be
 * the same array as an input (in place) when the ranges coincide exactly.
 */
public final class Elementwise {
    private Elementwise() {}

    /** {@code y = e^x}. */
    public static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (float) (Math.exp(v));
        }
    }

    /** {@code y = natural log (log 0 = -Infinity)}. */
    public static void log(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (float) (Math.log(v));
        }
    }

    /** {@code y = hyperbolic tangent}. */
    public static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (float) (Math.tanh(v));
        }
    }

    /** {@code y = logistic sigmoid 1 / (1 + e^-x)}. */
    public static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (float) (1 / (1 + Math.exp(-v)));
        }
    }

    /** {@code y = max(x, 0); NaN stays NaN}. */
    public static void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (v > 0 ? v : 0);
        }
    }

    /** {@code y = square root}. */
    public static void sqrt(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (float) (Math.sqrt(v));
        }
    }

    /** {@code y = absolute value}. */
    public static void abs(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = (Math.abs(v));
        }
    }

    /** {@code y = a + b}. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av + bv;
        }
    }

    /** {@code y = a - b}. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av - bv;
        }
    }

    /** {@code y = a * b}. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av * bv;
        }
    }

    /** {@code y = a / b}. */
    public static void div(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av / bv;
        }
    }

    /** {@code y = max(a, b), NaN-propagating}. */
    public static void maximum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = Math.max(av, bv);
        }
    }

    /** {@code y = x * s}. */
    public static void scale(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = x[xOff + i] * s;
    }

    /** {@code y = x + s}. */
    public static void addScalar(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = x[xOff + i] + s;
    }

    /** {@code y = x^p} (IEEE {@link Math#pow} semantics). */
    public static void pow(float[] x, int xOff, double p, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) Math.pow(x[xOff + i], p);
    }

    /** {@code y += alpha * x}. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /** Sum of {@code n} elements, accumulated in double in a fixed order. */
    public static double sum(float[] x, int xOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xOff + i];
        return s;
    }

    /** {@code y = e^x}. */
    public static void exp(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (Math.exp(v));
        }
    }

    /** {@code y = natural log (log 0 = -Infinity)}. */
    public static void log(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (Math.log(v));
        }
    }

    /** {@code y = hyperbolic tangent}. */
    public static void tanh(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (Math.tanh(v));
        }
    }

    /** {@code y = logistic sigmoid 1 / (1 + e^-x)}. */
    public static void sigmoid(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (1 / (1 + Math.exp(-v)));
        }
    }

    /** {@code y = max(x, 0); NaN stays NaN}. */
    public static void relu(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (v > 0 ? v : 0);
        }
    }

    /** {@code y = square root}. */
    public static void sqrt(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (Math.sqrt(v));
        }
    }

    /** {@code y = absolute value}. */
    public static void abs(double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (Math.abs(v));
        }
    }

    /** {@code y = a + b}. */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av + bv;
        }
    }

    /** {@code y = a - b}. */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av - bv;
        }
    }

    /** {@code y = a * b}. */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av * bv;
        }
    }

    /** {@code y = a / b}. */
    public static void div(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = av / bv;
        }
    }

    /** {@code y = max(a, b), NaN-propagating}. */
    public static void maximum(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double av = a[aOff + i], bv = b[bOff + i];
            y[yOff + i] = Math.max(av, bv);
        }
    }

    /** {@code y = x * s}. */
    public static void scale(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = x[xOff + i] * s;
    }

    /** {@code y = x + s}. */
    public static void addScalar(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = x[xOff + i] + s;
    }

    /** {@code y = x^p} (IEEE {@link Math#pow} semantics). */
    public static void pow(double[] x, int xOff, double p, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = (double) Math.pow(x[xOff + i], p);
    }

    /** {@code y += alpha * x}. */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /** Sum of {@code n} elements, accumulated in double in a fixed order. */
    public static double sum(double[] x, int xOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xOff + i];
        return s;
    }
}
