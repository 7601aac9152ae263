package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FunctionalTest {
    private final Random rng = new Random(21);

    @Test
    void mseLossIsTheMeanSquaredDifferenceWithGradientTwoDiffOverN() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {0, 2, 5, 3}, 2, 2);
        Tensor loss = Functional.mseLoss(x, t);
        assertThat(loss.item()).isCloseTo((1 + 0 + 4 + 1) / 4.0, within(1e-15));
        loss.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, 0, -1, 0.5);
    }

    @Test
    void mseLossRejectsShapesThatWouldOnlyBroadcast() {
        assertThatThrownBy(() -> Functional.mseLoss(Tensor.zeros(4, 1), Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mseLoss").hasMessageContaining("[4, 1]").hasMessageContaining("[4]");
    }

    @Test
    void linearComputesXTimesWTransposedPlusB() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 3);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 2, 3);
        Tensor b = Tensor.randn(rng, DType.FLOAT64, 2);
        double[] y = Functional.linear(x, w, b).toDoubleArray();
        double[] yNoBias = Functional.linear(x, w, null).toDoubleArray();
        double[] xv = x.toDoubleArray(), wv = w.toDoubleArray(), bv = b.toDoubleArray();
        for (int i = 0; i < 5; i++) {
            for (int o = 0; o < 2; o++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += xv[i * 3 + k] * wv[o * 3 + k];
                assertThat(yNoBias[i * 2 + o]).isCloseTo(s, within(1e-14));
                assertThat(y[i * 2 + o]).isCloseTo(s + bv[o], within(1e-14));
            }
        }
        Tensor single = Functional.linear(x.slice(0, 0, 1).reshape(3), w, b);
        assertThat(single.shape()).containsExactly(2);
        assertThat(single.toDoubleArray()[1]).isCloseTo(y[1], within(1e-14));
        Tensor batched = Functional.linear(Tensor.stack(java.util.List.of(x, x), 0), w, b); // (2, 5, 3) -> (2, 5, 2)
        assertThat(batched.shape()).containsExactly(2, 5, 2);
        double[] bv2 = batched.toDoubleArray();
        for (int i = 0; i < y.length; i++) assertThat(bv2[y.length + i]).isCloseTo(y[i], within(1e-14));
    }

    @Test
    void linearGivesGradientsForAllThreeArguments() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 4, 3).requiresGrad(true);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 2, 3).requiresGrad(true);
        Tensor b = Tensor.randn(rng, DType.FLOAT64, 2).requiresGrad(true);
        Tensor gy = Tensor.randn(rng, DType.FLOAT64, 4, 2);
        Functional.linear(x, w, b).backward(gy);
        double[] gb = b.grad().toDoubleArray(), g = gy.toDoubleArray();
        for (int o = 0; o < 2; o++) {
            double s = 0;
            for (int i = 0; i < 4; i++) s += g[i * 2 + o];
            assertThat(gb[o]).isCloseTo(s, within(1e-14));
        }
        assertThat(x.grad().shape()).containsExactly(4, 3);
        assertThat(w.grad().shape()).containsExactly(2, 3);
        double[] gw = w.grad().toDoubleArray(), xv = x.toDoubleArray();
        double s = 0;
        for (int i = 0; i < 4; i++) s += g[i * 2 + 1] * xv[i * 3 + 2];
        assertThat(gw[1 * 3 + 2]).isCloseTo(s, within(1e-14)); // dL/dw[o, k] = Σ_i gy[i, o] x[i, k]
    }

    @Test
    void linearRejectsShapesThatDoNotFit() {
        assertThatThrownBy(() -> Functional.linear(Tensor.zeros(5, 3), Tensor.zeros(3, 2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linear").hasMessageContaining("[5, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Functional.linear(Tensor.zeros(2, 5, 4), Tensor.zeros(2, 3), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 5, 4]");
        assertThatThrownBy(() -> Functional.linear(Tensor.zeros(5, 3), Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias [3]");
    }

    @Test
    void float32ConvNetForwardAndBackwardRun() {
        // The MNIST ConvNet's shapes in miniature: conv 5x5, ReLU, 2x2 pool, linear, cross-entropy.
        Tensor x = Tensor.randn(rng, 4, 1, 12, 12);
        Tensor w1 = Tensor.randn(rng, 3, 1, 5, 5).mul(0.1).requiresGrad(true);
        Tensor b1 = Tensor.zeros(3).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 10, 48).mul(0.1).requiresGrad(true);
        Tensor h = Functional.maxPool2d(Functional.conv2d(x, w1, b1, 1, 0).relu(), 2, 2);
        Tensor loss = Functional.crossEntropy(Functional.linear(h.flatten(1), w2, null), new int[] {1, 7, 3, 0});
        loss.backward();
        assertThat(loss.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Double.isFinite(loss.item())).isTrue();
        assertThat(w1.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(b1.grad().shape()).containsExactly(3);
    }
}
