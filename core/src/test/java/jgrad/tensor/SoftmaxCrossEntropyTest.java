package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.nn.Functional;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    private final Random rng = new Random(7);

    private static Tensor oneHot(int[] t, int classes) {
        double[] v = new double[t.length * classes];
        for (int i = 0; i < t.length; i++) v[i * classes + t[i]] = 1;
        return Tensor.of(v, t.length, classes);
    }

    private int[] randomTargets(int n, int classes) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = rng.nextInt(classes);
        return t;
    }

    @Test
    void fusedOpEqualsItsCompositeInValueAndGradient() {
        for (int[] nc : new int[][] {{1, 1}, {1, 4}, {6, 3}, {17, 10}}) {
            int n = nc[0], c = nc[1];
            int[] t = randomTargets(n, c);
            Tensor x1 = Tensor.randn(rng, DType.FLOAT64, n, c).mul(3).requiresGrad(true);
            Tensor x2 = x1.detach().copy().requiresGrad(true);

            Tensor fused = Functional.crossEntropy(x1, t);
            Tensor composite = x2.logSoftmax(-1).mul(oneHot(t, c)).sum().div(-n);
            fused.mul(2.5).backward(); // a non-unit upstream gradient
            composite.mul(2.5).backward();

            assertThat(fused.item()).isCloseTo(composite.item(), within(1e-12));
            double[] g1 = x1.grad().toDoubleArray(), g2 = x2.grad().toDoubleArray();
            for (int i = 0; i < g1.length; i++) assertThat(g1[i]).isCloseTo(g2[i], within(1e-12));
        }
    }

    @Test
    void probabilityTargetsGiveTheSameLossAsOneHotIndices() {
        int[] t = {2, 0, 1};
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 3, 4);
        double byIndex = Functional.crossEntropy(x, t).item();
        double byProbs = Functional.crossEntropy(x, oneHot(t, 4)).item();
        assertThat(byProbs).isCloseTo(byIndex, within(1e-12));
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverN() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 3).requiresGrad(true);
        int[] t = {0, 2, 1, 1, 0};
        Functional.crossEntropy(x, t).backward();
        double[] p = x.detach().softmax(1).toDoubleArray();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = (p[i * 3 + j] - (t[i] == j ? 1 : 0)) / 5;
                assertThat(g[i * 3 + j]).isCloseTo(expected, within(1e-15));
            }
        }
    }

    @Test
    void staysFiniteForHugeLogits() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, 800, 900, -5}, 2, 3).requiresGrad(true);
        Tensor loss = Functional.crossEntropy(x, new int[] {1, 0});
        loss.backward();
        // −log softmax: row 0 gives 1000 − (−1000) = 2000, row 1 gives 900 − 800 = 100 (plus e^−100 terms)
        assertThat(loss.item()).isCloseTo(1050.0, within(1e-9));
        for (double g : x.grad().toDoubleArray()) assertThat(Double.isFinite(g)).isTrue();
    }

    @Test
    void float32AgreesWithFloat64() {
        int[] t = randomTargets(20, 10);
        Tensor x64 = Tensor.randn(rng, DType.FLOAT64, 20, 10).requiresGrad(true);
        Tensor x32 = x64.detach().to(DType.FLOAT32).requiresGrad(true);
        Tensor l64 = Functional.crossEntropy(x64, t), l32 = Functional.crossEntropy(x32, t);
        l64.backward();
        l32.backward();
        assertThat(l32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x32.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(l32.item()).isCloseTo(l64.item(), within(1e-5));
        double[] g32 = x32.grad().toDoubleArray(), g64 = x64.grad().toDoubleArray();
        for (int i = 0; i < g32.length; i++) assertThat(g32[i]).isCloseTo(g64[i], within(1e-6));
    }

    @Test
    void rejectsATargetOutOfRange() {
        Tensor x = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> Functional.crossEntropy(x, new int[] {0, 4, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crossEntropy").hasMessageContaining("target 4").hasMessageContaining("index 1")
                .hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> Functional.crossEntropy(x, new int[] {0, -1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target -1");
    }

    @Test
    void rejectsTargetsOfTheWrongLengthOrLogitsOfTheWrongRank() {
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(3, 4), new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 targets").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(2, 3, 4), new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(3, 4), Tensor.zeros(3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 4]").hasMessageContaining("[3, 5]");
    }

    @Test
    void targetsAreCopiedSoLaterChangesDoNotReachBackward() {
        int[] t = {0, 1};
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 2, 3).requiresGrad(true);
        Tensor loss = Functional.crossEntropy(x, t);
        t[0] = 2;
        loss.backward();
        assertThat(x.grad().toDoubleArray()[0]).isNegative(); // d/dx[0,0] = (p − 1)/2 for target 0
    }
}
