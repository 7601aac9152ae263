package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private final Random rng = new Random(3);

    @Test
    void everyDimSumsToOneAndMatchesTheExpOverSumComposite() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 3, 4, 5);
        for (int dim = -3; dim < 3; dim++) {
            Tensor y = x.softmax(dim);
            Tensor composite = x.exp().div(x.exp().sum(dim, true));
            assertClose(y, composite, 1e-14);
            assertClose(y.sum(dim, false), Tensor.ones(DType.FLOAT64, sizesWithout(x.shape(), dim)), 1e-14);
            assertClose(x.logSoftmax(dim), composite.log(), 1e-13);
        }
    }

    @Test
    void gradientsEqualTheCompositesInEveryDim() {
        for (int dim = 0; dim < 3; dim++) {
            Tensor gy = Tensor.randn(rng, DType.FLOAT64, 2, 3, 4);
            Tensor a = Tensor.randn(rng, DType.FLOAT64, 2, 3, 4).requiresGrad(true);
            Tensor b = a.detach().copy().requiresGrad(true);
            a.softmax(dim).backward(gy);
            b.exp().div(b.exp().sum(dim, true)).backward(gy);
            assertClose(a.grad(), b.grad(), 1e-14);

            Tensor c = a.detach().copy().requiresGrad(true);
            Tensor d = a.detach().copy().requiresGrad(true);
            c.logSoftmax(dim).backward(gy);
            d.sub(d.exp().sum(dim, true).log()).backward(gy);
            assertClose(c.grad(), d.grad(), 1e-13);
        }
    }

    @Test
    void staysFiniteForHugeInputsWhereTheNaiveFormOverflows() {
        Tensor x = Tensor.of(new float[] {1000, 1001, 1002, -1000, 0, 1000}, 2, 3);
        float[] y = x.softmax(-1).toFloatArray();
        float[] ly = x.logSoftmax(1).toFloatArray();
        assertThat(y[2]).isCloseTo(0.66524f, within(1e-5f));
        assertThat(y[3]).isZero();
        assertThat(ly[3]).isCloseTo(-2000f, within(1e-2f)); // log(0) would be -inf
        for (float v : ly) assertThat(Float.isFinite(v)).isTrue();
    }

    @Test
    void float32MatchesFloat64OnAStridedDim() {
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 4, 6, 3);
        Tensor y32 = x.to(DType.FLOAT32).softmax(1), y64 = x.softmax(1);
        assertThat(y32.dtype()).isEqualTo(DType.FLOAT32);
        assertClose(y32.to(DType.FLOAT64), y64, 1e-6);
        assertClose(x.to(DType.FLOAT32).logSoftmax(1).to(DType.FLOAT64), x.logSoftmax(1), 1e-5);
    }

    @Test
    void handlesEmptyAndSingletonDims() {
        assertThat(Tensor.zeros(0, 3).softmax(1).shape()).containsExactly(0, 3);
        assertThat(Tensor.zeros(2, 0, 3).logSoftmax(1).shape()).containsExactly(2, 0, 3);
        assertThat(Tensor.randn(rng, 3, 1).softmax(1).toFloatArray()).containsExactly(1f, 1f, 1f);
    }

    @Test
    void rejectsADimOutOfRange() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).softmax(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax").hasMessageContaining("dim 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).logSoftmax(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logSoftmax");
    }

    private static int[] sizesWithout(int[] shape, int dim) {
        int d = dim < 0 ? dim + shape.length : dim;
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != d) out[j++] = shape[i];
        return out;
    }

    private static void assertClose(Tensor actual, Tensor expected, double tol) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++) assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(tol));
    }
}
