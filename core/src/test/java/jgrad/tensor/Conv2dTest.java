package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.nn.Functional;
import jgrad.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

class Conv2dTest {
    private final Random rng = new Random(11);

    /** Direct seven-loop convolution, the definition, for checking im2col + GEMM. */
    private static double[] direct(Tensor x, Tensor w, Tensor b, int stride, int pad) {
        int[] xs = x.shape(), ws = w.shape();
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], o = ws[0], kh = ws[2], kw = ws[3];
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1;
        double[] xv = x.toDoubleArray(), wv = w.toDoubleArray(), bv = b == null ? null : b.toDoubleArray();
        double[] y = new double[n * o * oh * ow];
        for (int i = 0; i < n; i++)
            for (int oc = 0; oc < o; oc++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bv == null ? 0 : bv[oc];
                        for (int ci = 0; ci < c; ci++)
                            for (int ky = 0; ky < kh; ky++)
                                for (int kx = 0; kx < kw; kx++) {
                                    int yy = oy * stride + ky - pad, xx = ox * stride + kx - pad;
                                    if (yy < 0 || yy >= h || xx < 0 || xx >= wd) continue;
                                    s += xv[((i * c + ci) * h + yy) * wd + xx] * wv[((oc * c + ci) * kh + ky) * kw + kx];
                                }
                        y[((i * o + oc) * oh + oy) * ow + ox] = s;
                    }
        return y;
    }

    @Test
    void forwardMatchesTheDirectDefinitionInBothDtypes() {
        // n, c, h, w, o, kh, kw, stride, pad: odd sizes, 1x1 (pointwise path), stride > kernel, big padding
        int[][] cases = {
            {2, 3, 7, 6, 4, 3, 3, 1, 1}, {1, 1, 5, 5, 2, 5, 5, 1, 0}, {3, 2, 4, 4, 3, 1, 1, 1, 0},
            {2, 2, 9, 8, 2, 2, 3, 3, 2}, {1, 3, 6, 6, 1, 3, 2, 2, 0}, {17, 1, 8, 8, 5, 5, 5, 1, 2}
        };
        for (int[] p : cases) {
            Tensor x = Tensor.randn(rng, DType.FLOAT64, p[0], p[1], p[2], p[3]);
            Tensor w = Tensor.randn(rng, DType.FLOAT64, p[4], p[1], p[5], p[6]);
            Tensor b = Tensor.randn(rng, DType.FLOAT64, p[4]);
            double[] expected = direct(x, w, b, p[7], p[8]);
            double[] y64 = Functional.conv2d(x, w, b, p[7], p[8]).toDoubleArray();
            Tensor y32 = Functional.conv2d(x.to(DType.FLOAT32), w.to(DType.FLOAT32), b.to(DType.FLOAT32), p[7], p[8]);
            assertThat(y32.dtype()).isEqualTo(DType.FLOAT32);
            double[] y32v = y32.toDoubleArray();
            assertThat(y64).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(y64[i]).isCloseTo(expected[i], within(1e-12));
                assertThat(y32v[i]).isCloseTo(expected[i], within(1e-4));
            }
            double[] noBias = Functional.conv2d(x, w, null, p[7], p[8]).toDoubleArray();
            double[] expectedNoBias = direct(x, w, null, p[7], p[8]);
            for (int i = 0; i < expected.length; i++) assertThat(noBias[i]).isCloseTo(expectedNoBias[i], within(1e-12));
        }
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 3, 2, 7, 7).requiresGrad(true);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 4, 2, 3, 3).requiresGrad(true);
        Tensor b = Tensor.randn(rng, DType.FLOAT64, 4).requiresGrad(true);
        Tensor x32 = x.detach().to(DType.FLOAT32).requiresGrad(true);
        Tensor w32 = w.detach().to(DType.FLOAT32).requiresGrad(true);
        Tensor b32 = b.detach().to(DType.FLOAT32).requiresGrad(true);
        Tensor gy = Tensor.randn(rng, DType.FLOAT64, 3, 4, 5, 5); // (7 + 2·2 − 3)/2 + 1 = 5
        Functional.conv2d(x, w, b, 2, 2).backward(gy);
        Functional.conv2d(x32, w32, b32, 2, 2).backward(gy.to(DType.FLOAT32));
        Tensor[][] pairs = {{x.grad(), x32.grad()}, {w.grad(), w32.grad()}, {b.grad(), b32.grad()}};
        for (Tensor[] pair : pairs) {
            assertThat(pair[1].dtype()).isEqualTo(DType.FLOAT32);
            double[] g64 = pair[0].toDoubleArray(), g32 = pair[1].toDoubleArray();
            for (int i = 0; i < g64.length; i++) assertThat(g32[i]).isCloseTo(g64[i], within(1e-3));
        }
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        Tensor x = Tensor.randn(rng, 37, 3, 9, 9);
        Tensor w = Tensor.randn(rng, 5, 3, 3, 3);
        Tensor b = Tensor.randn(rng, 5);
        Tensor gy = Tensor.randn(rng, 37, 5, 5, 5);
        float[][][] runs = new float[2][][];
        for (int t = 1; t <= 2; t++) {
            int run = t - 1;
            Parallel.withThreads(t, () -> {
                Tensor xr = x.copy().requiresGrad(true), wr = w.copy().requiresGrad(true), br = b.copy().requiresGrad(true);
                Tensor y = Functional.conv2d(xr, wr, br, 2, 1);
                Tensor pooled = Functional.maxPool2d(y, 2, 1).add(Functional.avgPool2d(y, 2, 1));
                pooled.backward(gy.slice(2, 0, 4).slice(3, 0, 4));
                runs[run] = new float[][] {y.toFloatArray(), xr.grad().toFloatArray(), wr.grad().toFloatArray(),
                    br.grad().toFloatArray()};
            });
        }
        for (int i = 0; i < 4; i++) assertThat(runs[1][i]).containsExactly(runs[0][i]);
    }

    @Test
    void anInputThatNeedsNoGradientGetsNone() {
        Tensor x = Tensor.randn(rng, DType.FLOAT32, 2, 1, 6, 6);
        Tensor w = Tensor.randn(rng, DType.FLOAT32, 3, 1, 3, 3).requiresGrad(true);
        Functional.conv2d(x, w, null, 1, 0).sum().backward();
        assertThat(x.grad()).isNull();
        assertThat(w.grad().shape()).containsExactly(3, 1, 3, 3);
    }

    @Test
    void rejectsAChannelMismatchNamingBothShapes() {
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(2, 3, 8, 8), Tensor.zeros(4, 2, 3, 3), null, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("[2, 3, 8, 8]").hasMessageContaining("[4, 2, 3, 3]");
    }

    @Test
    void rejectsAnInputSmallerThanTheKernel() {
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(1, 1, 4, 8), Tensor.zeros(1, 1, 5, 5), null, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("[1, 1, 4, 8]").hasMessageContaining("5x5");
        // the same input fits once padded
        assertThat(Functional.conv2d(Tensor.zeros(1, 1, 4, 8), Tensor.zeros(1, 1, 5, 5), null, 1, 1).shape())
                .containsExactly(1, 1, 2, 6);
    }

    @Test
    void rejectsBadBiasRankOrStride() {
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(3, 2, 3, 3), Tensor.zeros(2), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias [2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(2, 5, 5), Tensor.zeros(3, 2, 3, 3), null, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4-D").hasMessageContaining("[2, 5, 5]");
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(3, 2, 3, 3), null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
        assertThatThrownBy(() -> Functional.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(3, 2, 3, 3), null, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding");
    }
}
