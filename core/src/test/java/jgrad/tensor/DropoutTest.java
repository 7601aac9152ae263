package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import jgrad.nn.Functional;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void preservesTheMeanAndDropsAboutPOfTheElements() {
        int n = 200_000;
        Tensor x = Tensor.ones(n);
        float[] y = Functional.dropout(x, 0.3, new SplittableRandom(1)).toFloatArray();
        int zeros = 0;
        double sum = 0;
        for (float v : y) {
            if (v == 0) zeros++;
            else assertThat(v).isEqualTo((float) (1 / 0.7));
            sum += v;
        }
        assertThat((double) zeros / n).isCloseTo(0.3, within(0.005));
        assertThat(sum / n).isCloseTo(1.0, within(0.01));
    }

    @Test
    void theSameSeedGivesTheSameMaskInEitherDtype() {
        Tensor x = Tensor.randn(new Random(3), DType.FLOAT64, 50, 20);
        double[] a = Functional.dropout(x, 0.5, new Random(42)).toDoubleArray();
        double[] b = Functional.dropout(x, 0.5, new Random(42)).toDoubleArray();
        double[] c = Functional.dropout(x, 0.5, new Random(43)).toDoubleArray();
        float[] f = Functional.dropout(x.to(DType.FLOAT32), 0.5, new Random(42)).toFloatArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        for (int i = 0; i < a.length; i++) assertThat(f[i] == 0).isEqualTo(a[i] == 0);
    }

    @Test
    void backwardUsesTheSavedMask() {
        Tensor x = Tensor.randn(new Random(5), DType.FLOAT64, 4, 30).add(10).requiresGrad(true); // no zeros
        Tensor gy = Tensor.randn(new Random(6), DType.FLOAT64, 4, 30);
        Tensor y = Functional.dropout(x, 0.25, new Random(9));
        y.backward(gy);
        double[] xv = x.toDoubleArray(), yv = y.toDoubleArray(), g = x.grad().toDoubleArray(), gv = gy.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            double expected = yv[i] == 0 ? 0 : gv[i] / 0.75;
            assertThat(g[i]).isCloseTo(expected, within(1e-12));
            if (yv[i] != 0) assertThat(yv[i]).isCloseTo(xv[i] / 0.75, within(1e-12));
        }
    }

    @Test
    void pZeroIsTheIdentity() {
        Tensor x = Tensor.randn(new Random(1), 3, 4);
        assertThat(Functional.dropout(x, 0, new Random(1)).toFloatArray()).containsExactly(x.toFloatArray());
    }

    @Test
    void rejectsPOutsideZeroToOne() {
        Tensor x = Tensor.ones(3);
        for (double p : new double[] {1.0, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Functional.dropout(x, p, new Random(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout").hasMessageContaining("[0, 1)");
        }
    }
}
