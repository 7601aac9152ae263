package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolution's implicit GEMMs (columns read from the image in place) give the bits of
 * im2col + {@link Gemm}, the way the kernels computed them before: forward values, weight and
 * input gradients, in float32 and float64, for geometries that take each of the GEMM's sum orders
 * (one block of k, {@code KC} blocks, one chain over more than {@code KC}), padding, strides,
 * several channels, 1x1 kernels, channel counts that leave a lone vector, and batches of several chunks.
 */
class ImplicitConvolutionTest {
    /** (n, c, h, w, o, kh, kw, stride, padding). */
    private static final int[][] GEOMETRIES = {
        {100, 1, 28, 28, 30, 5, 5, 1, 0}, // SimpleConvNet: 25 chunks, the weight gradient in 3 blocks of pixels
        {7, 3, 9, 11, 5, 3, 3, 2, 1},     // stride 2, padding 1, odd widths, o under one vector
        {40, 2, 8, 7, 17, 3, 3, 1, 1},    // o = 17: a lone last vector at 4 lanes
        {3, 16, 20, 20, 9, 5, 5, 1, 2},   // k = 400 and l = 400: KC blocks in both products
        {2, 30, 4, 4, 3, 3, 3, 1, 0},     // l = 4 < 6 rows: forward summed in one chain over k = 270
        {3, 1, 20, 20, 6, 2, 2, 1, 0},    // k = 4 < 6 rows: weight gradient in one chain over l = 361
        {4, 5, 6, 7, 8, 1, 1, 1, 0},      // 1x1 kernel: the image is its own column matrix
        {6, 16, 14, 14, 32, 3, 3, 1, 1},  // the deep ConvNet's 3x3, padding 1
        {5, 32, 7, 7, 33, 3, 3, 1, 2},    // padding 2, o just over two vectors
        {9, 2, 13, 10, 16, 4, 3, 3, 0},   // stride 3, a non-square kernel
    };

    @ParameterizedTest(name = "geometry {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void float32MatchesIm2colAndGemmBitForBit(int index) {
        int[] s = GEOMETRIES[index];
        var g = new Convolution.Geometry(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
        Random rng = new Random(index);
        float[] x = randoms(rng, g.n() * g.c() * g.h() * g.w()), w = randoms(rng, g.o() * g.k()), b = randoms(rng, g.o());
        float[] gy = randoms(rng, g.n() * g.o() * g.l());
        float[] y = new float[gy.length], gx = new float[x.length], gw = new float[w.length], gb = new float[b.length];
        Convolution.forward(g, x, w, b, y);
        Convolution.backward(g, x, w, gy, gx, gw, gb);
        int op = padded(g.o(), FloatVector.SPECIES_PREFERRED.length()), k = g.k(), l = g.l(), o = g.o();
        float[] wt = new float[k * op], wp = new float[op * k], ey = new float[y.length], egx = new float[x.length];
        float[][] part = new float[Parallel.chunks(g.n(), g.grain())][k * op];
        for (int oc = 0; oc < o; oc++) for (int p = 0; p < k; p++) wt[p * op + oc] = wp[oc * k + p] = w[oc * k + p];
        float[] col = new float[k * l], z = new float[l * op], gz = new float[l * op], gcolT = new float[l * k];
        for (int i = 0, in = g.c() * g.h() * g.w(); i < g.n(); i++) {
            Im2Col.im2col(x, i * in, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
            Gemm.sgemm(true, false, l, op, k, col, 0, wt, 0, z, 0, false);
            for (int q = 0; q < l; q++) {
                for (int oc = 0; oc < o; oc++) {
                    ey[(i * o + oc) * l + q] = z[q * op + oc] + b[oc];
                    gz[q * op + oc] = gy[(i * o + oc) * l + q];
                }
            }
            Gemm.sgemm(false, false, k, op, l, col, 0, gz, 0, part[i / g.grain()], 0, true);
            Gemm.sgemm(false, false, l, k, op, gz, 0, wp, 0, gcolT, 0, false);
            for (int p = 0; p < k; p++) for (int q = 0; q < l; q++) col[p * l + q] = gcolT[q * k + p];
            Im2Col.col2im(col, 0, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), egx, i * in);
        }
        float[] egw = new float[w.length];
        for (float[] sum : part) for (int oc = 0; oc < o; oc++) for (int p = 0; p < k; p++) egw[oc * k + p] += sum[p * op + oc];
        assertThat(bits(y)).isEqualTo(bits(ey));
        assertThat(bits(gw)).isEqualTo(bits(egw));
        assertThat(bits(gx)).isEqualTo(bits(egx));
    }

    @ParameterizedTest(name = "geometry {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void float64MatchesIm2colAndGemmBitForBit(int index) {
        int[] s = GEOMETRIES[index];
        var g = new Convolution.Geometry(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
        Random rng = new Random(index);
        double[] x = doubles(rng, g.n() * g.c() * g.h() * g.w()), w = doubles(rng, g.o() * g.k()), b = doubles(rng, g.o());
        double[] gy = doubles(rng, g.n() * g.o() * g.l());
        double[] y = new double[gy.length], gx = new double[x.length], gw = new double[w.length], gb = new double[b.length];
        Convolution.forward(g, x, w, b, y);
        Convolution.backward(g, x, w, gy, gx, gw, gb);
        int op = padded(g.o(), DoubleVector.SPECIES_PREFERRED.length()), k = g.k(), l = g.l(), o = g.o();
        double[] wt = new double[k * op], wp = new double[op * k], ey = new double[y.length], egx = new double[x.length];
        double[][] part = new double[Parallel.chunks(g.n(), g.grain())][k * op];
        for (int oc = 0; oc < o; oc++) for (int p = 0; p < k; p++) wt[p * op + oc] = wp[oc * k + p] = w[oc * k + p];
        double[] col = new double[k * l], z = new double[l * op], gz = new double[l * op], gcolT = new double[l * k];
        for (int i = 0, in = g.c() * g.h() * g.w(); i < g.n(); i++) {
            Im2Col.im2col(x, i * in, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), col, 0);
            Gemm.dgemm(true, false, l, op, k, col, 0, wt, 0, z, 0, false);
            for (int q = 0; q < l; q++) {
                for (int oc = 0; oc < o; oc++) {
                    ey[(i * o + oc) * l + q] = z[q * op + oc] + b[oc];
                    gz[q * op + oc] = gy[(i * o + oc) * l + q];
                }
            }
            Gemm.dgemm(false, false, k, op, l, col, 0, gz, 0, part[i / g.grain()], 0, true);
            Gemm.dgemm(false, false, l, k, op, gz, 0, wp, 0, gcolT, 0, false);
            for (int p = 0; p < k; p++) for (int q = 0; q < l; q++) col[p * l + q] = gcolT[q * k + p];
            Im2Col.col2im(col, 0, g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.padding(), egx, i * in);
        }
        double[] egw = new double[w.length];
        for (double[] sum : part) for (int oc = 0; oc < o; oc++) for (int p = 0; p < k; p++) egw[oc * k + p] += sum[p * op + oc];
        assertThat(bits(y)).isEqualTo(bits(ey));
        assertThat(bits(gw)).isEqualTo(bits(egw));
        assertThat(bits(gx)).isEqualTo(bits(egx));
    }

    private static int padded(int o, int lanes) {
        return (o + lanes - 1) / lanes * lanes;
    }

    private static float[] randoms(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    private static double[] doubles(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Double.doubleToRawLongBits(v[i]);
        return out;
    }
}
