package jgrad.tensor.kernel;

/**
 * Max and average pooling over {@code k × k} windows moved by {@code stride}, without padding, on
 * {@code planes} independent planes of {@code h × w} (an NCHW batch has {@code n·c} planes). The
 * output plane is {@code oh × ow} with {@code oh = (h − k) / stride + 1}; the caller checks
 * {@code h, w >= k}. Planes run in parallel and never share an output, so results do not depend
 * on the thread count.
 */
public final class Pooling {
    private Pooling() {}

    /** Planes per chunk: about 64K window reads, fixed by the sizes alone. */
    private static int grain(int workPerPlane) {
        return Math.max(1, (1 << 16) / Math.max(1, workPerPlane));
    }

    // NOTE: on random data `if (v > m)` mispredicts about half the time, so maxForward selects the
    // index with the sign bit of m − v instead (2.5x faster here). For finite values that is exactly
    // v > m: distinct values never differ by zero, and `+ 0` turns the −0 of (−0) − (+0) into +0, so
    // ties keep the first. A window whose sum is not finite (an infinity or NaN) is redone with
    // plain compares; the output is always read back from x at the chosen index.

    /**
     * Float32 max pooling of {@code planes} planes {@code (h, w)}: writes each window's maximum to
     * {@code y} and its flat index in {@code x} to {@code argmax} (both {@code planes·oh·ow}).
     * The first maximum wins a tie; a NaN counts as the maximum.
     *
     * @param x the input: {@code planes} planes {@code (h, w)}, row-major from index 0; read only
     * @param y the output: {@code planes} planes {@code (oh, ow)}, row-major from index 0; overwritten
     * @param argmax receives, for each element of {@code y}, the flat index in {@code x} of its window's maximum; same length as {@code y}
     * @param planes number of independent planes ({@code n·c} for an NCHW batch)
     * @param h plane height, in pixels
     * @param w plane width, in pixels
     * @param k window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public static void maxForward(float[] x, float[] y, int[] argmax, int planes, int h, int w, int k, int stride) {
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1;
        Parallel.forRange(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int base = p * h * w + oy * stride * w + ox * stride, best;
                        if (k == 2) { // the common case, unrolled: about 2x faster again
                            float a0 = x[base], a1 = x[base + 1], a2 = x[base + w], a3 = x[base + w + 1];
                            int b01 = base - above(a1, a0), b23 = base + w - above(a3, a2);
                            best = b01 ^ ((b01 ^ b23) & above(x[b23], x[b01]));
                            if (!(Math.abs(a0 + a1 + a2 + a3) <= Float.MAX_VALUE)) best = firstMax(x, base, w, k);
                        } else {
                            best = base;
                            float sum = 0;
                            for (int i = 0; i < k; i++) {
                                int row = base + i * w;
                                for (int j = 0; j < k; j++) {
                                    float v = x[row + j];
                                    sum += v;
                                    best ^= (best ^ (row + j)) & above(v, x[best]);
                                }
                            }
                            if (!(Math.abs(sum) <= Float.MAX_VALUE)) best = firstMax(x, base, w, k);
                        }
                        y[(p * oh + oy) * ow + ox] = x[best];
                        argmax[(p * oh + oy) * ow + ox] = best;
                    }
                }
            }
        });
    }

    /** -1 when {@code a > b}, else 0, for finite values (see the note above). */
    private static int above(float a, float b) {
        return Float.floatToRawIntBits(b - a + 0f) >> 31;
    }

    /** The first maximum of a window with plain compares; a NaN counts as the maximum. */
    private static int firstMax(float[] x, int base, int w, int k) {
        int best = base;
        float m = x[base];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                float v = x[base + i * w + j];
                if (v > m || (v != v && m == m)) {
                    m = v;
                    best = base + i * w + j;
                }
            }
        }
        return best;
    }

    /**
     * Float32 max-pooling backward: {@code gx[argmax[j]] += gy[j]}; {@code gx} is zero on entry.
     *
     * @param gy the gradient of the output {@code y}, laid out like {@code y}
     * @param argmax the indices {@code maxForward} wrote, laid out like {@code gy}
     * @param gx the gradient of the input {@code x}, laid out like {@code x}; zero on entry, the gradient is added in place
     * @param planes number of independent planes ({@code n·c} for an NCHW batch); each holds {@code gy.length / planes} outputs
     */
    public static void maxBackward(float[] gy, int[] argmax, float[] gx, int planes) {
        int per = planes == 0 ? 0 : gy.length / planes;
        // A plane's outputs only point into the same plane of x, so planes run in parallel.
        Parallel.forRange(planes, grain(per), (from, to) -> {
            for (int j = from * per; j < to * per; j++) gx[argmax[j]] += gy[j];
        });
    }

    /**
     * Float32 average pooling: each output is the mean of its {@code k × k} window.
     *
     * @param x the input: {@code planes} planes {@code (h, w)}, row-major from index 0; read only
     * @param y the output: {@code planes} planes {@code (oh, ow)}, row-major from index 0; overwritten
     * @param planes number of independent planes ({@code n·c} for an NCHW batch)
     * @param h plane height, in pixels
     * @param w plane width, in pixels
     * @param k window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public static void avgForward(float[] x, float[] y, int planes, int h, int w, int k, int stride) {
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1;
        double scale = 1.0 / (k * k);
        Parallel.forRange(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float sum = 0;
                        for (int i = 0; i < k; i++) {
                            int row = p * h * w + (oy * stride + i) * w + ox * stride;
                            for (int j = 0; j < k; j++) sum += x[row + j];
                        }
                        y[(p * oh + oy) * ow + ox] = (float) (sum * scale);
                    }
                }
            }
        });
    }

    /**
     * Float32 average-pooling backward: {@code gy / k²} added over each window; {@code gx} is zero on entry.
     *
     * @param gy the gradient of the output {@code y}, laid out like {@code y}
     * @param gx the gradient of the input {@code x}, laid out like {@code x}; zero on entry, the gradient is added in place
     * @param planes number of independent planes ({@code n·c} for an NCHW batch)
     * @param h plane height, in pixels
     * @param w plane width, in pixels
     * @param k window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public static void avgBackward(float[] gy, float[] gx, int planes, int h, int w, int k, int stride) {
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1;
        double scale = 1.0 / (k * k);
        Parallel.forRange(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float g = (float) (gy[(p * oh + oy) * ow + ox] * scale);
                        for (int i = 0; i < k; i++) {
                            int row = p * h * w + (oy * stride + i) * w + ox * stride;
                            for (int j = 0; j < k; j++) gx[row + j] += g;
                        }
                    }
                }
            }
        });
    }

    /**
     * Float64 max pooling of {@code planes} planes {@code (h, w)}: writes each window's maximum to
     * {@code y} and its flat index in {@code x} to {@code argmax} (both {@code planes·oh·ow}).
     * The first maximum wins a tie; a NaN counts as the maximum.
     *
     * @param x the input: {@code planes} planes {@code (h, w)}, row-major from index 0; read only
     * @param y the output: {@code planes} planes {@code (oh, ow)}, row-major from index 0; overwritten
     * @param argmax receives, for each element of {@code y}, the flat index in {@code x} of its window's maximum; same length as {@code y}
     * @param planes number of independent planes ({@code n·c} for an NCHW batch)
     * @param h plane height, in pixels
     * @param w plane width, in pixels
     * @param k window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public static void maxForward(double[] x, double[] y, int[] argmax, int planes, int h, int w, int k, int stride) {
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1;
        Parallel.forRange(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int base = p * h * w + oy * stride * w + ox * stride, best;
                        if (k == 2) { // the common case, unrolled: about 2x faster again
                            double a0 = x[base], a1 = x[base + 1], a2 = x[base + w], a3 = x[base + w + 1];
                            int b01 = base - above(a1, a0), b23 = base + w - above(a3, a2);
                            best = b01 ^ ((b01 ^ b23) & above(x[b23], x[b01]));
                            if (!(Math.abs(a0 + a1 + a2 + a3) <= Double.MAX_VALUE)) best = firstMax(x, base, w, k);
                        } else {
                            best = base;
                            double sum = 0;
                            for (int i = 0; i < k; i++) {
                                int row = base + i * w;
                                for (int j = 0; j < k; j++) {
                                    double v = x[row + j];
                                    sum += v;
                                    best ^= (best ^ (row + j)) & above(v, x[best]);
                                }
                            }
                            if (!(Math.abs(sum) <= Double.MAX_VALUE)) best = firstMax(x, base, w, k);
                        }
                        y[(p * oh + oy) * ow + ox] = x[best];
                        argmax[(p * oh + oy) * ow + ox] = best;
                    }
                }
            }
        });
    }

    /** -1 when {@code a > b}, else 0, for finite values (see the note above). */
    private static int above(double a, double b) {
        return (int) (Double.doubleToRawLongBits(b - a + 0.0) >> 63);
    }

    /** The first maximum of a window with plain compares; a NaN counts as the maximum. */
    private static int firstMax(double[] x, int base, int w, int k) {
        int best = base;
        double m = x[base];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = x[base + i * w + j];
                if (v > m || (v != v && m == m)) {
                    m = v;
                    best = base + i * w + j;
                }
            }
        }
        return best;
    }

    /**
     * Float64 max-pooling backward: {@code gx[argmax[j]] += gy[j]}; {@code gx} is zero on entry.
     *
     * @param gy the gradient of the output {@code y}, laid out like {@code y}
     * @param argmax the indices {@code maxForward} wrote, laid out like {@code gy}
     * @param gx the gradient of the input {@code x}, laid out like {@code x}; zero on entry, the gradient is added in place
     * @param planes number of independent planes ({@code n·c} for an NCHW batch); each holds {@code gy.length / planes} outputs
     */
    public static void maxBackward(double[] gy, int[] argmax, double[] gx, int planes) {
        int per = planes == 0 ? 0 : gy.length / planes;
        // A plane's outputs only point into the same plane of x, so planes run in parallel.
        Parallel.forRange(planes, grain(per), (from, to) -> {
            for (int j = from * per; j < to * per; j++) gx[argmax[j]] += gy[j];
        });
    }

    /**
     * Float64 average pooling: each output is the mean of its {@code k × k} window.
     *
     * @param x the input: {@code planes} planes {@code (h, w)}, row-major from index 0; read only
     * @param y the output: {@code planes} planes {@code (oh, ow)}, row-major from index 0; overwritten
     * @param planes number of independent planes ({@code n·c} for an NCHW batch)
     * @param h plane height, in pixels
     * @param w plane width, in pixels
     * @param k window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public static void avgForward(double[] x, double[] y, int planes, int h, int w, int k, int stride) {
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1;
        double scale = 1.0 / (k * k);
        Parallel.forRange(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = 0;
                        for (int i = 0; i < k; i++) {
                            int row = p * h * w + (oy * stride + i) * w + ox * stride;
                            for (int j = 0; j < k; j++) sum += x[row + j];
                        }
                        y[(p * oh + oy) * ow + ox] = sum * scale;
                    }
                }
            }
        });
    }

    /**
     * Float64 average-pooling backward: {@code gy / k²} added over each window; {@code gx} is zero on entry.
     *
     * @param gy the gradient of the output {@code y}, laid out like {@code y}
     * @param gx the gradient of the input {@code x}, laid out like {@code x}; zero on entry, the gradient is added in place
     * @param planes number of independent planes ({@code n·c} for an NCHW batch)
     * @param h plane height, in pixels
     * @param w plane width, in pixels
     * @param k window side, in pixels
     * @param stride step between neighbouring windows, in pixels
     */
    public static void avgBackward(double[] gy, double[] gx, int planes, int h, int w, int k, int stride) {
        int oh = (h - k) / stride + 1, ow = (w - k) / stride + 1;
        double scale = 1.0 / (k * k);
        Parallel.forRange(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double g = gy[(p * oh + oy) * ow + ox] * scale;
                        for (int i = 0; i < k; i++) {
                            int row = p * h * w + (oy * stride + i) * w + ox * stride;
                            for (int j = 0; j < k; j++) gx[row + j] += g;
                        }
                    }
                }
            }
        });
    }

}
