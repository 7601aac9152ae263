package jgrad.tensor.kernel;

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

    /** Elements per parallel chunk (a multiple of every vector length). */
    private static final int GRAIN = 1 << 15;
    /** Sizes from which maps go parallel: transcendental maps, and cheap memory-bound ones. */
    private static final int HEAVY_MIN = 1 << 16;
    private static final int LIGHT_MIN = 1 << 18;
    /** Elements per partial sum in {@link #sum}, and partial sums per parallel chunk. */
    static final int SUM_CHUNK = 4096;
    private static final int SUM_GRAIN = 16;

    /**
     * {@code y = e^x}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.expRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.expRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = natural log (log 0 = -Infinity)}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void log(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.logRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.logRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = hyperbolic tangent}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.tanhRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.tanhRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = logistic sigmoid 1 / (1 + e^-x)}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.sigmoidRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.sigmoidRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = max(x, 0); NaN stays NaN}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.reluRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.reluRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = square root}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void sqrt(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.sqrtRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.sqrtRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = absolute value}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void abs(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.absRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.absRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a + b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.addRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.addRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a - b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.subRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.subRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a * b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.mulRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.mulRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a / b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void div(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.divRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.divRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = max(a, b), NaN-propagating}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void maximum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.maximumRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.maximumRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = x * s}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param s the factor every element is multiplied by
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void scale(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.scaleRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.scaleRange(x, xOff, s, y, yOff, n);
        }
    }

    /**
     * {@code y = x + s}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param s the value added to every element
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void addScalar(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.addScalarRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.addScalarRange(x, xOff, s, y, yOff, n);
        }
    }

    /**
     * {@code y = x^p} (IEEE {@link Math#pow} semantics; {@code p = 2} is an exact square).
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param p the exponent, the same for every element
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
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

    /**
     * {@code y += alpha * x} (one rounding per element: fused multiply-add).
     *
     * @param alpha the factor on {@code x}
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the accumulator, read and updated in place from {@code yOff}
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.axpyRange(alpha, x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.axpyRange(alpha, x, xOff, y, yOff, n);
        }
    }

    /**
     * Plain SGD on float32 parameters: {@code p = (float) (p − lr (g + wd p))}, each element computed
     * in double and rounded once, exactly as that Java expression (vector lanes do the same
     * operations in the same order).
     *
     * @param p the parameters, updated in place from {@code pOff}
     * @param pOff index in {@code p} of the first element
     * @param g the gradients, read from {@code gOff}
     * @param gOff index in {@code g} of the first element
     * @param n number of elements
     * @param lr the learning rate
     * @param wd the weight decay (L2 factor added to the gradient)
     */
    public static void sgd(float[] p, int pOff, float[] g, int gOff, int n, double lr, double wd) {
        ElementwiseLoops.sgdRange(p, pOff, g, gOff, n, lr, wd);
    }

    /**
     * Sum of {@code n} elements, accumulated in double: fixed chunks of {@value #SUM_CHUNK}
     * summed lane-wise, chunk sums added in chunk order, so the result is the same for any thread count.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param n number of elements
     * @return the sum, accumulated in double whatever the element type; 0 when {@code n <= 0}
     */
    public static double sum(float[] x, int xOff, int n) {
        if (n <= 0) return 0;
        int chunks = Parallel.chunks(n, SUM_CHUNK);
        double[] partial = new double[2 * chunks]; // (sum, low-order part) per chunk
        if (chunks == 1) {
            ElementwiseLoops.sumChunk(x, xOff, n, partial, 0);
            return partial[0] + partial[1];
        }
        Parallel.forRange(chunks, n >= LIGHT_MIN ? SUM_GRAIN : chunks, (from, to) -> {
            for (int c = from; c < to; c++) {
                int start = c * SUM_CHUNK;
                ElementwiseLoops.sumChunk(x, xOff + start, Math.min(SUM_CHUNK, n - start), partial, 2 * c);
            }
        });
        double[] acc = new double[2]; // chunk sums, compensated, in chunk order
        for (double v : partial) ElementwiseLoops.addCompensated(acc, v);
        return acc[0] + acc[1];
    }

    /**
     * {@code y = e^x}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not).
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void exp(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.expRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.expRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = natural log (log 0 = -Infinity)}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not).
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void log(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.logRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.logRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = hyperbolic tangent}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not).
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void tanh(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.tanhRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.tanhRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = logistic sigmoid 1 / (1 + e^-x)}. Uses {@link Math} per element (at most 1 ulp, identical bits whether JIT-compiled or not).
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void sigmoid(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= HEAVY_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.sigmoidRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.sigmoidRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = max(x, 0); NaN stays NaN}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void relu(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.reluRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.reluRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = square root}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void sqrt(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.sqrtRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.sqrtRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = absolute value}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void abs(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.absRange(x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.absRange(x, xOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a + b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.addRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.addRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a - b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.subRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.subRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a * b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.mulRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.mulRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = a / b}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void div(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.divRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.divRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = max(a, b), NaN-propagating}.
     *
     * @param a the left operand, read from {@code aOff}
     * @param aOff index in {@code a} of the first element read
     * @param b the right operand, read from {@code bOff}
     * @param bOff index in {@code b} of the first element read
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void maximum(double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.maximumRange(a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.maximumRange(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /**
     * {@code y = x * s}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param s the factor every element is multiplied by
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void scale(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.scaleRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.scaleRange(x, xOff, s, y, yOff, n);
        }
    }

    /**
     * {@code y = x + s}.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param s the value added to every element
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void addScalar(double[] x, int xOff, double s, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.addScalarRange(x, xOff + from, s, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.addScalarRange(x, xOff, s, y, yOff, n);
        }
    }

    /**
     * {@code y = x^p} (IEEE {@link Math#pow} semantics; {@code p = 2} is an exact square).
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param p the exponent, the same for every element
     * @param y the output, overwritten from {@code yOff}; may be an input array with the same offset (in place)
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
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

    /**
     * {@code y += alpha * x} (one rounding per element: fused multiply-add).
     *
     * @param alpha the factor on {@code x}
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param y the accumulator, read and updated in place from {@code yOff}
     * @param yOff index in {@code y} of the first element written
     * @param n number of elements
     */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        if (n >= LIGHT_MIN) {
            Parallel.forRange(n, GRAIN, (from, to) -> ElementwiseLoops.axpyRange(alpha, x, xOff + from, y, yOff + from, to - from));
        } else {
            ElementwiseLoops.axpyRange(alpha, x, xOff, y, yOff, n);
        }
    }

    /**
     * Sum of {@code n} elements, accumulated in double: fixed chunks of {@value #SUM_CHUNK}
     * summed lane-wise, chunk sums added in chunk order, so the result is the same for any thread count.
     *
     * @param x the input, read from {@code xOff}
     * @param xOff index in {@code x} of the first element read
     * @param n number of elements
     * @return the sum, accumulated in double whatever the element type; 0 when {@code n <= 0}
     */
    public static double sum(double[] x, int xOff, int n) {
        if (n <= 0) return 0;
        int chunks = Parallel.chunks(n, SUM_CHUNK);
        double[] partial = new double[2 * chunks]; // (sum, low-order part) per chunk
        if (chunks == 1) {
            ElementwiseLoops.sumChunk(x, xOff, n, partial, 0);
            return partial[0] + partial[1];
        }
        Parallel.forRange(chunks, n >= LIGHT_MIN ? SUM_GRAIN : chunks, (from, to) -> {
            for (int c = from; c < to; c++) {
                int start = c * SUM_CHUNK;
                ElementwiseLoops.sumChunk(x, xOff + start, Math.min(SUM_CHUNK, n - start), partial, 2 * c);
            }
        });
        double[] acc = new double[2]; // chunk sums, compensated, in chunk order
        for (double v : partial) ElementwiseLoops.addCompensated(acc, v);
        return acc[0] + acc[1];
    }

}
