package jgrad.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

class GradientTest {
    private static final ToDoubleFunction<double[]> SUM_OF_SQUARES = x -> x[0] * x[0] + x[1] * x[1];

    @Test
    void theCurriculumsFunctionHasGradientTwoX() {
        // the book's numerical_gradient(function_2, [3.0, 4.0]) is [6.00000000000378, 7.999999999999119]
        assertThat(Gradient.numericalGradient(SUM_OF_SQUARES, new double[] {3, 4}))
                .containsExactly(new double[] {6, 8}, within(1e-9));
        assertThat(Gradient.numericalGradient(SUM_OF_SQUARES, new double[] {0, 2}))
                .containsExactly(new double[] {0, 4}, within(1e-9));
        assertThat(Gradient.numericalGradient(x -> Math.sin(x[0]), new double[] {1}))
                .containsExactly(new double[] {Math.cos(1)}, within(1e-8)); // error about h²/6
    }

    @Test
    void restoresTheInputAndSeesItMoveOneCoordinateAtATime() {
        double[] x = {3, 4, 5};
        double[] seen = new double[3];
        Gradient.numericalGradient(v -> {
            int moved = 0;
            for (int i = 0; i < 3; i++) if (v[i] != 3 + i) moved++;
            assertThat(moved).isEqualTo(1);
            System.arraycopy(v, 0, seen, 0, 3);
            return v[2];
        }, x);
        assertThat(x).containsExactly(3, 4, 5);
        assertThat(seen[2]).isEqualTo(5 - Gradient.H); // the last call is x - h on the last coordinate
    }

    @Test
    void onATensorItDifferentiatesWhatReadsItsStorage() {
        var net = new TwoLayerNet(4, 5, 3, 0.5, new Random(3), TwoLayerNet.Activation.SIGMOID);
        Tensor x = Tensor.randn(new Random(4), DType.FLOAT64, 6, 4);
        int[] t = {0, 1, 2, 2, 1, 0};
        var backprop = net.gradient(x, t);
        for (String name : net.params().keySet()) {
            Tensor p = net.params().get(name);
            double[] before = p.toDoubleArray();
            Tensor numerical = Gradient.numericalGradient(w -> net.loss(x, t), p);
            assertThat(numerical.shape()).containsExactly(p.shape());
            Close.assertClose(backprop.get(name), numerical.toDoubleArray(), 1e-6, 1e-8);
            assertThat(p.toDoubleArray()).containsExactly(before);
        }
    }

    @Test
    void rejectsFloat32() {
        assertThatThrownBy(() -> Gradient.numericalGradient(t -> t.sum().item(), Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64");
    }
}
