package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import jgrad.nn.Functional;
import org.junit.jupiter.api.Test;

class PoolingTest {

    @Test
    void maxPoolSendsTheGradientToTheFirstOfTiedMaxima() {
        // one 2x3 window holding 5 three times; PyTorch takes the first in row-major order
        Tensor x = Tensor.of(new double[] {1, 5, 5, 5, 0, 2}, 1, 1, 2, 3).requiresGrad(true);
        Tensor y = Functional.maxPool2d(x, 2, 1);
        assertThat(y.toDoubleArray()).containsExactly(5, 5);
        y.backward(Tensor.of(new double[] {10, 100}, 1, 1, 1, 2));
        // window 0 covers columns 0-1 (first max at index 1), window 1 covers columns 1-2 (also index 1)
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 110, 0, 0, 0, 0);

        // −0 and +0 are equal too: the first one wins, in both dtypes
        for (DType dtype : DType.values()) {
            Tensor z = Tensor.of(new double[] {-1, -0.0, 0.0, -1}, 1, 1, 2, 2).to(dtype).requiresGrad(true);
            Tensor m = Functional.maxPool2d(z, 2, 2);
            assertThat(Double.doubleToRawLongBits(m.item())).isEqualTo(Double.doubleToRawLongBits(-0.0));
            m.sum().backward();
            assertThat(z.grad().toDoubleArray()).containsExactly(0, 1, 0, 0);
        }
    }

    @Test
    void maxPoolPicksExactMaximaInFloat32() {
        float[] v = new float[32];
        for (int i = 0; i < v.length; i++) v[i] = (i * 7) % 11 - 5;
        Tensor x = Tensor.of(v, 2, 1, 4, 4).requiresGrad(true);
        Tensor y = Functional.maxPool2d(x, 2);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(y.shape()).containsExactly(2, 1, 2, 2);
        float[] yv = y.toFloatArray();
        for (int p = 0; p < 2; p++)
            for (int oy = 0; oy < 2; oy++)
                for (int ox = 0; ox < 2; ox++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int i = 0; i < 2; i++)
                        for (int j = 0; j < 2; j++) m = Math.max(m, v[p * 16 + (oy * 2 + i) * 4 + ox * 2 + j]);
                    assertThat(yv[p * 4 + oy * 2 + ox]).isEqualTo(m);
                }
        y.sum().backward();
        float total = 0;
        for (float g : x.grad().toFloatArray()) total += g;
        assertThat(total).isEqualTo(8f); // each of the 8 outputs routes its 1 to exactly one input
    }

    @Test
    void maxPoolRoutesToTheFirstMaximumOnManyTiesAndSpecialValues() {
        Random rng = new Random(4);
        double[] specials = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e308, -1e308};
        for (int trial = 0; trial < 20; trial++) {
            int k = 1 + rng.nextInt(3), s = 1 + rng.nextInt(3), h = k + rng.nextInt(5), w = k + rng.nextInt(5);
            double[] v = new double[2 * h * w];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextInt(10) == 0 ? specials[rng.nextInt(specials.length)] : rng.nextInt(3) - 1; // many ties
            }
            for (DType dtype : DType.values()) {
                Tensor x = Tensor.of(v, 1, 2, h, w).to(dtype).requiresGrad(true);
                Tensor y = Functional.maxPool2d(x, k, s);
                int oh = (h - k) / s + 1, ow = (w - k) / s + 1;
                double[] gy = new double[2 * oh * ow];
                for (int i = 0; i < gy.length; i++) gy[i] = i + 1;
                y.backward(Tensor.of(gy, 1, 2, oh, ow).to(dtype));
                double[] expectedGx = new double[v.length], xv = x.toDoubleArray(), yv = y.toDoubleArray();
                for (int p = 0; p < 2; p++)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox++) {
                            int best = p * h * w + oy * s * w + ox * s;
                            for (int i = 0; i < k; i++)
                                for (int j = 0; j < k; j++) {
                                    int at = p * h * w + (oy * s + i) * w + ox * s + j;
                                    if (xv[at] > xv[best] || (Double.isNaN(xv[at]) && !Double.isNaN(xv[best]))) best = at;
                                }
                            int o = (p * oh + oy) * ow + ox;
                            expectedGx[best] += gy[o];
                            assertThat(Double.doubleToRawLongBits(yv[o])).as("value of window %d", o)
                                    .isEqualTo(Double.doubleToRawLongBits(xv[best]));
                        }
                assertThat(x.grad().toDoubleArray()).as("trial %d %s", trial, dtype).containsExactly(expectedGx);
            }
        }
    }

    @Test
    void maxPoolPropagatesNaN() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 3, 2}, 1, 1, 2, 2);
        assertThat(Functional.maxPool2d(x, 2, 2).item()).isNaN();
    }

    @Test
    void avgPoolSpreadsTheGradientEvenly() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = Functional.avgPool2d(x, 2, 1);
        assertThat(y.toFloatArray()).containsExactly(3f, 4f, 6f, 7f);
        y.sum().backward();
        assertThat(x.grad().toFloatArray()).containsExactly(0.25f, 0.5f, 0.25f, 0.5f, 1f, 0.5f, 0.25f, 0.5f, 0.25f);
    }

    @Test
    void rejectsAnInputSmallerThanTheWindowOrNot4d() {
        assertThatThrownBy(() -> Functional.maxPool2d(Tensor.zeros(1, 1, 2, 5), 3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPool2d").hasMessageContaining("[1, 1, 2, 5]").hasMessageContaining("3x3");
        assertThatThrownBy(() -> Functional.avgPool2d(Tensor.zeros(4, 4), 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avgPool2d").hasMessageContaining("4-D").hasMessageContaining("[4, 4]");
        assertThatThrownBy(() -> Functional.maxPool2d(Tensor.zeros(1, 1, 4, 4), 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
    }
}
