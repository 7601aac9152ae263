package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.testing.GradCheck;
import org.junit.jupiter.api.Test;

class LossesTest {
    private final Random rng = new Random(4);

    /** Uniform values on [lo, hi), float64. */
    private Tensor uniform(double lo, double hi, int... shape) {
        return Tensor.rand(rng, DType.FLOAT64, shape).mul(hi - lo).add(lo).detach();
    }

    @Test
    void valuesMatchTheirDefinitions() {
        Tensor y = Tensor.of(new double[] {0.2, 0.9, 0.6}, 3);
        Tensor t = Tensor.of(new double[] {0, 1, 1}, 3);
        assertThat(Losses.sumSquaredError(y, t).item()).isCloseTo(0.5 * (0.04 + 0.01 + 0.16), within(1e-15));
        assertThat(Losses.mse(y, t).item()).isCloseTo((0.04 + 0.01 + 0.16) / 3, within(1e-15));
        double bce = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.6)) / 3;
        assertThat(Losses.binaryCrossEntropy(y, t).item()).isCloseTo(bce, within(1e-15));
        Tensor s = Tensor.of(new double[] {2, -0.5, 0.3}, 3);
        Tensor pm = Tensor.of(new double[] {1, 1, -1}, 3);
        assertThat(Losses.hinge(s, pm).item()).isCloseTo((0 + 1.5 + 1.3) / 3, within(1e-15));
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3);
        double ce = ((Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3) + Math.log(3)) / 2;
        assertThat(Losses.crossEntropy(logits, new int[] {2, 0}).item()).isCloseTo(ce, within(1e-14));
        Tensor oneHot = Tensor.of(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
        assertThat(Losses.crossEntropy(logits, oneHot).item()).isCloseTo(ce, within(1e-14));
    }

    @Test
    void binaryCrossEntropyIsFiniteAtZeroAndOneAsInPyTorch() {
        Tensor p = Tensor.of(new double[] {0, 1}, 2);
        Tensor t = Tensor.of(new double[] {1, 0}, 2);
        assertThat(Losses.binaryCrossEntropy(p, t).item()).isEqualTo(100.0);
    }

    @Test
    void withLogitsEqualsSigmoidThenBceAndStaysStable() {
        Tensor x = Tensor.of(new double[] {-3, 0.5, 4}, 3);
        Tensor t = Tensor.of(new double[] {0, 1, 0.3}, 3);
        assertThat(Losses.binaryCrossEntropyWithLogits(x, t).item())
                .isCloseTo(Losses.binaryCrossEntropy(x.sigmoid(), t).item(), within(1e-14));
        Tensor big = Tensor.of(new double[] {-800, 800}, 2);
        assertThat(Losses.binaryCrossEntropyWithLogits(big, Tensor.of(new double[] {1, 0}, 2)).item()).isEqualTo(800.0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor y = Tensor.randn(rng, DType.FLOAT64, 4, 3);
        Tensor t = Tensor.randn(rng, DType.FLOAT64, 4, 3);
        GradCheck.check(xs -> Losses.mse(xs.get(0), xs.get(1)), y, t);
        GradCheck.check(xs -> Losses.sumSquaredError(xs.get(0), xs.get(1)), y, t);
        GradCheck.check(xs -> Losses.binaryCrossEntropy(xs.get(0), xs.get(1)), uniform(0.1, 0.9, 4, 3), uniform(0, 1, 4, 3));
        GradCheck.check(xs -> Losses.binaryCrossEntropyWithLogits(xs.get(0), xs.get(1)), y, uniform(0, 1, 4, 3));
        // hinge: keep 1 - t s away from the kink at 0
        Tensor s = Tensor.of(new double[] {0.3, -0.4, 1.8, 2.5, -0.2, 0.6}, 6);
        Tensor pm = Tensor.of(new double[] {1, 1, 1, -1, -1, -1}, 6);
        GradCheck.check(xs -> Losses.hinge(xs.get(0), xs.get(1)), s, pm);
        GradCheck.check(xs -> Losses.crossEntropy(xs.get(0), new int[] {0, 2, 1, 1}), y);
        Tensor probs = uniform(0.1, 1, 4, 3);
        probs = probs.div(probs.sum(1, true)).detach();
        GradCheck.check(xs -> Losses.crossEntropy(xs.get(0), xs.get(1)), y, probs);
    }

    @Test
    void rejectsShapesThatDiffer() {
        assertThatThrownBy(() -> Losses.mse(Tensor.zeros(3, 1), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 1]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Losses.hinge(Tensor.zeros(2), Tensor.zeros(3))).hasMessageContaining("hinge");
        assertThatThrownBy(() -> Losses.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
