package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

class BackpropTest {
    private static Tensor vec(double... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void usingATensorTwiceAccumulatesBothPaths() {
        Tensor x = vec(1, -2, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        Close.assertClose(x.grad(), new double[] {2, -4, 6}, 0, 0);
    }

    @Test
    void diamondGraphSumsBothBranches() {
        Tensor x = vec(0.5, 2).requiresGrad(true);
        Tensor a = x.exp(), b = x.mul(3);
        a.add(b).mul(a).sum().backward(); // d/dx (e^x + 3x) e^x = 2e^{2x} + 3e^x + 3x e^x
        double[] want = new double[2];
        for (int i = 0; i < 2; i++) {
            double v = x.toDoubleArray()[i];
            want[i] = 2 * Math.exp(2 * v) + 3 * Math.exp(v) + 3 * v * Math.exp(v);
        }
        Close.assertClose(x.grad(), want, 1e-12, 0);
    }

    @Test
    void leafGradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = vec(1, 2).requiresGrad(true);
        assertThat(x.grad()).isNull();
        x.mul(2).sum().backward();
        x.mul(2).sum().backward();
        Close.assertClose(x.grad(), new double[] {4, 4}, 0, 0);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
    }

    @Test
    void sameUpstreamTensorToTwoLeavesDoesNotAliasTheirGradients() {
        Tensor a = vec(1, 2).requiresGrad(true), b = vec(3, 4).requiresGrad(true);
        a.add(b).sum().backward(); // Add.backward hands the same gy to both inputs
        a.grad().doubleData()[0] = 100;
        Close.assertClose(b.grad(), new double[] {1, 1}, 0, 0);
    }

    @Test
    void intermediatesAndConstantsGetNoGradient() {
        Tensor x = vec(1, 2).requiresGrad(true), c = vec(5, 6);
        Tensor h = x.mul(c);
        h.sum().backward();
        assertThat(h.grad()).isNull();
        assertThat(c.grad()).isNull();
        assertThat(c.requiresGrad()).isFalse();
        assertThat(h.requiresGrad()).isTrue();
        Close.assertClose(x.grad(), new double[] {5, 6}, 0, 0);
    }

    @Test
    void backwardWithExplicitGradientOnANonScalar() {
        Tensor x = vec(1, 2, 3).requiresGrad(true);
        x.mul(x).backward(vec(1, 0, -1));
        Close.assertClose(x.grad(), new double[] {2, 0, -6}, 0, 0);
    }

    @Test
    void gradModeOffRecordsNothing() {
        Tensor x = vec(1, 2).requiresGrad(true);
        Tensor y;
        try (var ignored = GradMode.off()) {
            assertThat(GradMode.isEnabled()).isFalse();
            y = x.mul(2);
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.creator()).isEmpty();
    }

    @Test
    void detachSharesValuesButCutsTheGraph() {
        Tensor x = vec(1, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        Tensor d = y.detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        Close.assertClose(d, new double[] {3, 6}, 0, 0);
        x.mul(d).sum().backward();
        Close.assertClose(x.grad(), new double[] {3, 6}, 0, 0);
    }

    @Test
    void longChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(DType.FLOAT64, 1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.add(1);
        y.backward();
        assertThat(x.grad().item()).isEqualTo(1.0);
    }

    @Test
    void float32GradientsWork() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.5f, -0.5f, 1}, 3).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {1, 1, 2, 0}, 2, 2);
        x.matmul(w).add(b).relu().sum().backward();
        assertThat(w.grad().dtype()).isEqualTo(DType.FLOAT32);
        Close.assertClose(w.grad(), new double[] {3, 3, 3, 1, 1, 1}, 0, 0);
        Close.assertClose(b.grad(), new double[] {2, 2, 2}, 0, 0);
    }

    @Test
    void backwardOnANonScalarWithoutGradientIsAClearError() {
        Tensor x = vec(1, 2).requiresGrad(true);
        assertThatThrownBy(() -> x.mul(2).backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[2]")
                .hasMessageContaining("backward(Tensor)");
    }

    @Test
    void backwardOnATensorThatDoesNotRequireGradIsAClearError() {
        assertThatThrownBy(() -> vec(1, 2).sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not require grad");
    }

    @Test
    void backwardGradientMustMatchShapeAndDtype() {
        Tensor y = vec(1, 2).requiresGrad(true).mul(2);
        assertThatThrownBy(() -> y.backward(vec(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> y.backward(Tensor.ones(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32").hasMessageContaining("float64");
    }

    @Test
    void requiresGradFalseOnANonLeafIsRejected() {
        Tensor y = vec(1).requiresGrad(true).mul(2);
        assertThatThrownBy(() -> y.requiresGrad(false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("detach");
    }

    @Test
    void customOpsPlugIntoTheEngine() {
        /* y = 2x written as a user op; the engine sums its broadcast gradient back. */
        class Twice extends Op {
            @Override
            protected Tensor forward(Tensor... xs) {
                return xs[0].mul(2).broadcastTo(3, 2);
            }

            @Override
            protected Tensor[] backward(Tensor gy) {
                return new Tensor[] {gy.mul(2)}; // shape (3, 2): Backprop sums it to (2)
            }
        }
        Tensor x = vec(1, 2).requiresGrad(true);
        Twice twice = new Twice();
        Tensor y = twice.apply(x);
        assertThatThrownBy(() -> twice.apply(x)).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThat(y.creator()).get().isInstanceOf(Twice.class);
        y.sum().backward();
        Close.assertClose(x.grad(), new double[] {6, 6}, 0, 0);
    }
}
