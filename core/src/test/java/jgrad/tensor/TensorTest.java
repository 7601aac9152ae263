package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void creationAndReading() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.ndim()).isEqualTo(2);
        assertThat(t.numel()).isEqualTo(6);
        assertThat(t.size(-1)).isEqualTo(3);
        assertThat(t.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Tensor.scalar(2.5).item()).isEqualTo(2.5);
        assertThat(Tensor.scalar(2.5).shape()).isEmpty();
        assertThat(Tensor.zeros(DType.FLOAT64, 2).toDoubleArray()).containsExactly(0, 0);
        assertThat(Tensor.ones(3).toFloatArray()).containsExactly(1, 1, 1);
        assertThat(Tensor.full(7, 2, 2).toFloatArray()).containsExactly(7, 7, 7, 7);
        assertThat(Tensor.arange(4).toFloatArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(1, 2, 0.25).toFloatArray()).containsExactly(1, 1.25f, 1.5f, 1.75f);
    }

    @Test
    void randomTensorsAreSeeded() {
        Tensor a = Tensor.randn(new SplittableRandom(7), DType.FLOAT64, 3, 4);
        Tensor b = Tensor.randn(new SplittableRandom(7), DType.FLOAT64, 3, 4);
        Close.assertIdentical(a, b);
        Tensor u = Tensor.rand(new SplittableRandom(1), 1000);
        for (float v : u.floatData()) assertThat(v).isBetween(0f, 1f);
    }

    @Test
    void ofCopiesAndDataIsLive() {
        float[] src = {1, 2};
        Tensor t = Tensor.of(src, 2);
        src[0] = 9;
        assertThat(t.floatData()[0]).isEqualTo(1f);
        t.floatData()[1] = 5;
        assertThat(t.toFloatArray()).containsExactly(1, 5);
        assertThatThrownBy(t::doubleData).isInstanceOf(IllegalStateException.class).hasMessageContaining("float32");
    }

    @Test
    void shapeThatDoesNotMatchTheDataNamesBoth() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("5");
    }

    @Test
    void toCopySetAndParameterConstructor() {
        Tensor t = Tensor.of(new double[] {1.5, -2}, 2);
        Tensor f = t.to(DType.FLOAT32);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.toFloatArray()).containsExactly(1.5f, -2f);
        assertThat(t.to(DType.FLOAT64)).isSameAs(t);
        Tensor c = t.copy();
        c.doubleData()[0] = 0;
        assertThat(t.doubleData()[0]).isEqualTo(1.5);
        c.set(f);
        assertThat(c.toDoubleArray()).containsExactly(1.5, -2);
        assertThatThrownBy(() -> c.set(Tensor.zeros(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2]").hasMessageContaining("[3]");
        class Param extends Tensor {
            Param(Tensor source) {
                super(source);
            }
        }
        Param p = new Param(t);
        t.doubleData()[0] = 42;
        assertThat(p.toDoubleArray()).containsExactly(1.5, -2);
        assertThat(p.isLeaf()).isTrue();
        assertThat(p.requiresGrad()).isFalse();
    }

    @Test
    void setGradInstallsACopyAndChecksShapeDtypeAndLeaf() {
        Tensor p = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor g = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        p.setGrad(g);
        g.floatData()[0] = 99; // a copy: later changes to g do not reach the gradient
        assertThat(p.grad().floatData()).containsExactly(1, 2, 3, 4, 5, 6);
        p.mul(2).sum().backward(); // backward adds to a set gradient, as to any other
        assertThat(p.grad().floatData()).containsExactly(3, 4, 5, 6, 7, 8);
        assertThatThrownBy(() -> p.setGrad(Tensor.zeros(3, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setGrad: gradient float32 [3, 2] does not match float32 [2, 3]");
        assertThatThrownBy(() -> p.setGrad(Tensor.zeros(DType.FLOAT64, 2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float64");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).setGrad(g)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.mul(2).setGrad(g)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringLooksLikePyTorch() {
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString()).isEqualTo("tensor([[1., 2.],\n        [3., 4.]])");
        assertThat(Tensor.of(new double[] {0.5, -1.25}, 2).toString()).isEqualTo("tensor([ 0.5000, -1.2500], dtype=float64)");
        assertThat(Tensor.scalar(3).toString()).isEqualTo("tensor(3.)");
        assertThat(Tensor.zeros(0, 3).toString()).isEqualTo("tensor([], size=(0, 3))");
        assertThat(Tensor.arange(8).reshape(2, 2, 2).toString())
                .isEqualTo("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])");
        assertThat(Tensor.ones(1).requiresGrad(true).toString()).isEqualTo("tensor([1.], requiresGrad=true)");
        assertThat(Tensor.ones(1).requiresGrad(true).mul(2).toString()).isEqualTo("tensor([2.], creator=Mul)");
    }

    @Test
    void forwardValues() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Close.assertClose(a.sum(0, false), new double[] {5, 7, 9}, 0, 0);
        Close.assertClose(a.mean(-1, true), new double[] {2, 5}, 0, 0);
        Close.assertClose(a.max(1, false), new double[] {3, 6}, 0, 0);
        Close.assertClose(a.argmax(0), new double[] {1, 1, 1}, 0, 0);
        Close.assertClose(a.transpose(), new double[] {1, 4, 2, 5, 3, 6}, 0, 0);
        Close.assertClose(a.narrow(1, 1, 2), new double[] {2, 3, 5, 6}, 0, 0);
        Close.assertClose(Tensor.cat(List.of(a, a), 1), new double[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6}, 0, 0);
        Close.assertClose(Tensor.stack(List.of(a, a), 0).sum(0, false), new double[] {2, 4, 6, 8, 10, 12}, 0, 0);
        Close.assertClose(a.matmul(a.transpose()), new double[] {14, 32, 32, 77}, 0, 0);
        Close.assertClose(a.clamp(2, 4), new double[] {2, 2, 3, 4, 4, 4}, 0, 0);
        Close.assertClose(a.sub(3).abs().relu(), new double[] {2, 1, 0, 1, 2, 3}, 0, 0);
        Close.assertClose(a.sub(Tensor.of(new double[] {1, 1, 1}, 3)).maximum(Tensor.scalar(DType.FLOAT64, 2)),
                new double[] {2, 2, 2, 3, 4, 5}, 0, 0);
        assertThat(a.reshape(3, -1).shape()).containsExactly(3, 2);
        assertThat(a.flatten(0).shape()).containsExactly(6);
        assertThat(a.permute(1, 0).shape()).containsExactly(3, 2);
        assertThat(a.unsqueeze(0).shape()).containsExactly(1, 2, 3);
        assertThat(a.unsqueeze(-1).shape()).containsExactly(2, 3, 1);
        assertThat(a.unsqueeze(1).squeeze(1).shape()).containsExactly(2, 3);
    }

    @Test
    void kinksFollowPyTorch() {
        Tensor x = Tensor.of(new double[] {0, 0, 0}, 3).requiresGrad(true);
        x.relu().add(x.abs()).sum().backward();
        Close.assertClose(x.grad(), new double[] {0, 0, 0}, 0, 0); // relu'(0) = 0, sign(0) = 0
        Tensor a = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 3}, 2).requiresGrad(true);
        a.maximum(b).sum().backward();
        Close.assertClose(a.grad(), new double[] {0.5, 0}, 0, 0); // a tie splits the gradient
        Close.assertClose(b.grad(), new double[] {0.5, 1}, 0, 0);
        Tensor c = Tensor.of(new double[] {-1, 1, 2}, 3).requiresGrad(true);
        c.clamp(-1, 1).sum().backward();
        Close.assertClose(c.grad(), new double[] {1, 1, 0}, 0, 0); // bounds pass the gradient
        Tensor m = Tensor.of(new double[] {2, 5, 5}, 3).requiresGrad(true);
        m.max(0, false).backward();
        Close.assertClose(m.grad(), new double[] {0, 1, 0}, 0, 0); // first maximum wins
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("matmul: [3, 4] and [5, 2] do not chain");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 4] and [3, 4, 5]");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmul: [3] and [3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("add: shapes [2, 3] and [4] do not broadcast");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).div(Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("div: shapes [2, 3] and [2] do not broadcast");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reshape").hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4, -1]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(-1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one -1");
        assertThatThrownBy(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 2)), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cat: shapes [2, 3] and [3, 2]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).narrow(1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("narrow").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).permute(0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permute").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).sumTo(3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sumTo: shape [3, 3] does not broadcast to [2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).broadcastTo(2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Tensor.zeros(0, 3).max(0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void badDimsAreRejectedAndNegativeDimsCountFromTheEnd() {
        Tensor t = Tensor.zeros(2, 3);
        assertThat(t.sum(-1, false).shape()).containsExactly(2);
        assertThat(t.sum(-2, true).shape()).containsExactly(1, 3);
        assertThatThrownBy(() -> t.sum(2, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum: dim 2 out of range for shape [2, 3]");
        assertThatThrownBy(() -> t.mean(-3, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim -3");
        assertThatThrownBy(() -> t.transpose(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.size(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).transpose()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2-D");
        assertThatThrownBy(() -> Tensor.zeros(2).item()).isInstanceOf(IllegalStateException.class).hasMessageContaining("[2]");
        assertThatThrownBy(() -> t.squeeze(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 2");
        assertThatThrownBy(() -> t.unsqueeze(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsqueeze");
        assertThatThrownBy(() -> t.clamp(1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clamp");
    }

    @Test
    void mixingDtypesIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> Tensor.zeros(2).add(Tensor.zeros(DType.FLOAT64, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("float32").hasMessageContaining("float64");
        assertThatThrownBy(() -> Tensor.zeros(DType.FLOAT64, 2, 2).matmul(Tensor.zeros(2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmul: dtypes float64 and float32");
    }

    @Test
    void shapeHasValueEquality() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        assertThat(Shape.of(2, 3).toString()).isEqualTo("[2, 3]");
        assertThat(Shape.broadcast("op", new int[] {3, 1}, new int[] {4})).containsExactly(3, 4);
    }
}
