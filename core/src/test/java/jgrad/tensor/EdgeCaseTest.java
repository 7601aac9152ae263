package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Adversarial cases: special values at kinks, NaN, in-place changes of saved tensors, aliasing,
 * size-0 tensors and element-count overflow. Expected values were checked against torch 1.13.0a0
 * (they are exact: 0, 1, 0.5, ±inf, NaN).
 */
class EdgeCaseTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    /** The gradient of {@code sum(f(x) * gy)} at x, in the given dtype (upstream gy = 3, to catch an ignored gy). */
    private static double[] grad(UnaryOperator<Tensor> f, double[] x, DType dtype) {
        Tensor t = Tensor.of(x, x.length).to(dtype).requiresGrad(true);
        Tensor y = f.apply(t);
        y.backward(Tensor.full(dtype, 3, y.shape()));
        return t.grad().toDoubleArray();
    }

    @Test
    void reluPassesTheGradientThroughNaNAndStopsAtZeroLikePyTorch() {
        for (DType dtype : DType.values()) {
            assertThat(grad(Tensor::relu, new double[] {NAN, 1, -1, 0, -0.0, 1e-40, INF, -INF}, dtype))
                    .containsExactly(3, 3, 0, 0, 0, 3, 3, 0);
        }
    }

    @Test
    void absGradientIsTheSignWithZeroAtZeroAndNaN() {
        for (DType dtype : DType.values()) {
            assertThat(grad(Tensor::abs, new double[] {-2, 0, -0.0, NAN, INF, -INF, 1e-40, -1e-40, 5}, dtype))
                    .containsExactly(-3, 0, 0, 0, 3, -3, 3, -3, 3);
        }
    }

    @Test
    void clampPassesTheGradientAtTheBoundsButNotForNaN() {
        for (DType dtype : DType.values()) {
            assertThat(grad(x -> x.clamp(0, 1), new double[] {-1, 0, -0.0, 0.5, 1, 2, NAN}, dtype))
                    .containsExactly(0, 3, 3, 3, 3, 0, 0);
        }
    }

    @Test
    void maximumSplitsTiesAndGivesBothSidesTheGradientAtNaNLikePyTorch() {
        Tensor a = Tensor.of(new double[] {NAN, 1, 0, NAN, 2}, 5).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0, NAN, 0, NAN, 1}, 5).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(1, 1, 0.5, 1, 1);
        assertThat(b.grad().toDoubleArray()).containsExactly(1, 1, 0.5, 1, 0);
    }

    @Test
    void maxAndArgmaxPickTheFirstNaNLikePyTorch() {
        Tensor x = Tensor.of(new double[] {1, NAN, 3, NAN}, 4).requiresGrad(true);
        assertThat(x.max(0, false).item()).isNaN();
        assertThat(x.argmax(-1).item()).isEqualTo(1);
        x.max(0, false).backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void specialValuesOfPowLogAndSqrtMatchPyTorch() {
        double[] x = {-2, 0, 2};
        assertThat(Tensor.of(x, 3).pow(0.5).toDoubleArray()).containsExactly(NAN, 0, Math.sqrt(2));
        assertThat(grad(t -> t.pow(0.5), x, DType.FLOAT64)).containsExactly(NAN, INF, 3 * (Math.pow(2, -0.5) * 0.5));
        assertThat(grad(t -> t.pow(-1), x, DType.FLOAT64)).containsExactly(-0.75, -INF, -0.75);
        assertThat(grad(t -> t.pow(0), x, DType.FLOAT64)).containsExactly(0, 0, 0);
        double[] z = {0, 1};
        assertThat(Tensor.of(z, 2).log().toDoubleArray()).containsExactly(-INF, 0);
        assertThat(grad(Tensor::log, z, DType.FLOAT64)).containsExactly(INF, 3);
        assertThat(grad(Tensor::sqrt, z, DType.FLOAT64)).containsExactly(INF, 1.5);
    }

    @Test
    void changingASavedInputInPlaceMakesBackwardFailInsteadOfLie() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        w.detach().set(Tensor.of(new double[] {10, 10, 10}, 3)); // shares w's storage
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mul").hasMessageContaining("[3]").hasMessageContaining("set()");

        Tensor v = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor l2 = v.exp().sum();
        v.reshape(4).detach().set(Tensor.zeros(DType.FLOAT64, 4)); // through a view
        assertThatThrownBy(l2::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("exp");
    }

    @Test
    void aSetThatFailsOnItsShapeChangesNothing() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        assertThatThrownBy(() -> w.detach().set(Tensor.zeros(DType.FLOAT64, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[4]");
        loss.backward(); // nothing was written, so the saved input is still valid
        assertThat(w.grad().toDoubleArray()).containsExactly(2, 4, 6);
    }

    @Test
    void changingASavedOutputInPlaceMakesBackwardFail() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.exp(); // Exp keeps y for its backward
        y.detach().set(Tensor.zeros(DType.FLOAT64, 2));
        assertThatThrownBy(() -> y.backward(Tensor.ones(DType.FLOAT64, 2))).isInstanceOf(IllegalStateException.class).hasMessageContaining("the output");
    }

    @Test
    void setBeforeTheForwardOrAfterTheBackwardIsFine() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        w.set(Tensor.of(new double[] {3, 4}, 2));
        w.mul(w).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(6, 8);
        w.set(Tensor.of(new double[] {0, 0}, 2)); // an optimizer step after backward
        w.mul(w).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(6, 8);
    }

    @Test
    void manyPathsAccumulateWithoutTouchingTheCallersGradientOrEachOther() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor other = Tensor.of(new double[] {5, 6}, 2).requiresGrad(true);
        // x reaches the output by four paths, `other` by one that shares gy with x (Add hands gy to both)
        Tensor y = x.add(x).add(x.mul(x)).add(x.mul(3)).add(other);
        Tensor gy = Tensor.of(new double[] {1, 10}, 2);
        y.backward(gy);
        assertThat(gy.toDoubleArray()).containsExactly(1, 10);
        assertThat(x.grad().toDoubleArray()).containsExactly(1 * (2 + 2 + 3), 10 * (2 + 4 + 3));
        assertThat(other.grad().toDoubleArray()).containsExactly(1, 10);
        y.backward(gy); // accumulates into the leaves' own gradients, not into gy or each other
        assertThat(x.grad().toDoubleArray()).containsExactly(14, 180);
        assertThat(other.grad().toDoubleArray()).containsExactly(2, 20);
        assertThat(gy.toDoubleArray()).containsExactly(1, 10);
    }

    @Test
    void anAccumulatedGradientHandedToTwoInputsIsNotSharedOrAddedIntoTwice() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4}, 2).requiresGrad(true);
        Tensor z = a.add(b);                     // Add hands its gy to a and to b
        Tensor y = z.mul(2).add(z.mul(3)).add(a.mul(5)); // z's gradient is a sum of two paths
        y.backward(Tensor.ones(DType.FLOAT64, 2));
        assertThat(a.grad().toDoubleArray()).containsExactly(10, 10);
        assertThat(b.grad().toDoubleArray()).containsExactly(5, 5);
        y.backward(Tensor.ones(DType.FLOAT64, 2));
        assertThat(a.grad().toDoubleArray()).containsExactly(20, 20);
        assertThat(b.grad().toDoubleArray()).containsExactly(10, 10);
    }

    @Test
    void catStackAndNarrowRouteGradientsWithNegativeDims() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {5, 6}, 2, 1).requiresGrad(true);
        Tensor weights = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor.cat(List.of(a, b), -1).mul(weights).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(1, 2, 4, 5);
        assertThat(b.grad().toDoubleArray()).containsExactly(3, 6);
        Tensor s = Tensor.stack(List.of(a, a.mul(2)), -1); // (2, 2, 2)
        assertThat(s.shape()).containsExactly(2, 2, 2);
        assertThat(s.narrow(-1, 1, 1).toDoubleArray()).containsExactly(2, 4, 6, 8);
        a.zeroGrad();
        s.narrow(-1, 1, 1).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(2, 2, 2, 2);
    }

    @Test
    void sliceFollowsPythonIndexingAndNarrowAcceptsANegativeStart() {
        Tensor x = Tensor.arange(DType.FLOAT64, 5); // Python: x = torch.arange(5.)
        assertThat(x.slice(0, -2, Integer.MAX_VALUE).toDoubleArray()).containsExactly(3, 4); // x[-2:]
        assertThat(x.slice(-1, 1, -1).toDoubleArray()).containsExactly(1, 2, 3);               // x[1:-1]
        assertThat(x.slice(0, -10, 2).toDoubleArray()).containsExactly(0, 1);                  // x[-10:2]
        assertThat(x.slice(0, 3, 1).shape()).containsExactly(0);                               // x[3:1]
        assertThat(x.narrow(0, -2, 2).toDoubleArray()).containsExactly(3, 4);                  // x.narrow(0, -2, 2)
        assertThatThrownBy(() -> x.narrow(0, 4, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5]");
        assertThatThrownBy(() -> x.narrow(0, 1, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOpAcceptsSizeZeroTensors() {
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::exp, Tensor::log, Tensor::sqrt, Tensor::tanh, Tensor::sigmoid,
                Tensor::relu, Tensor::abs, x -> x.clamp(0, 1), x -> x.pow(1.5), Tensor::neg, x -> x.softmax(-1),
                x -> x.logSoftmax(0), x -> x.max(1, false), x -> x.sum(0, false), x -> x.mean(-1, true),
                Tensor::transpose, x -> x.narrow(1, 1, 1), x -> x.reshape(3, -1), x -> x.matmul(Tensor.zeros(DType.FLOAT64, 3, 2)),
                x -> x.maximum(Tensor.zeros(DType.FLOAT64, 3)), x -> x.div(Tensor.ones(DType.FLOAT64, 3)),
                x -> Tensor.cat(List.of(x, x), -2), x -> Tensor.stack(List.of(x, x), -1), x -> x.to(DType.FLOAT32),
                x -> x.reshape(0, 1, 1, 3).conv2d(Tensor.ones(DType.FLOAT64, 2, 1, 1, 2), null, 1, 0),
                x -> x.reshape(0, 1, 1, 3).maxPool2d(1, 1), x -> x.reshape(0, 1, 1, 3).avgPool2d(1, 1));
        for (UnaryOperator<Tensor> op : ops) {
            Tensor x = Tensor.zeros(DType.FLOAT64, 0, 3).requiresGrad(true);
            op.apply(x).sum().backward();
            assertThat(x.grad().shape()).containsExactly(0, 3);
        }
    }

    @Test
    void aShapeWhoseElementCountOverflowsIntIsAnErrorButAnEmptyOneIsNot() {
        assertThatThrownBy(() -> Tensor.zeros(65536, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[65536, 65536]");
        assertThatThrownBy(() -> Tensor.zeros(65536, 1).add(Tensor.zeros(1, 65536)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^31");
        assertThat(Tensor.zeros(65536, 65536, 0).numel()).isZero();
        assertThat(Tensor.zeros(0).reshape(65536, 65536, 0).shape()).containsExactly(65536, 65536, 0);
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertThat(Tensor.ones(1, 1, 1).item()).isEqualTo(1);
        assertThatThrownBy(() -> Tensor.zeros(2).item()).isInstanceOf(IllegalStateException.class).hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.zeros(0).item()).isInstanceOf(IllegalStateException.class).hasMessageContaining("[0]");
    }
}
