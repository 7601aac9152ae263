package jgrad.manual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jgrad.nn.Losses;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

class TwoLayerNetTest {
    private final Random rng = new Random(21);
    private final Tensor x = Tensor.randn(rng, DType.FLOAT64, 6, 5);
    private final int[] labels = {0, 2, 1, 2, 0, 1};

    @Test
    void backpropEqualsNumericalGradientAsInTheCurriculumsGradientCheck() {
        var net = new TwoLayerNet(5, 4, 3, 0.5, new Random(1));
        var numerical = net.numericalGradient(x, labels);
        var backprop = net.gradient(x, labels);
        assertThat(backprop.keySet()).containsExactly("W1", "b1", "W2", "b2");
        for (String name : backprop.keySet()) {
            assertThat(backprop.get(name).shape()).as(name).containsExactly(net.params().get(name).shape());
            // h = 1e-4 central differences are accurate to about h^2 times the third derivative
            Close.assertClose(backprop.get(name), numerical.get(name).toDoubleArray(), 1e-5, 1e-8);
        }
    }

    @Test
    void backpropEqualsAutograd() {
        var net = new TwoLayerNet(5, 4, 3, 0.5, new Random(1));
        var backprop = net.gradient(x, labels);
        Tensor w1 = net.params().get("W1").copy().requiresGrad(true);
        Tensor b1 = net.params().get("b1").copy().requiresGrad(true);
        Tensor w2 = net.params().get("W2").copy().requiresGrad(true);
        Tensor b2 = net.params().get("b2").copy().requiresGrad(true);
        Tensor loss = Losses.crossEntropy(x.matmul(w1).add(b1).relu().matmul(w2).add(b2), labels);
        assertThat(net.loss(x, labels)).isEqualTo(loss.item(), org.assertj.core.api.Assertions.within(1e-14));
        loss.backward();
        Close.assertClose(backprop.get("W1"), w1.grad().toDoubleArray(), 1e-12, 1e-14);
        Close.assertClose(backprop.get("b1"), b1.grad().toDoubleArray(), 1e-12, 1e-14);
        Close.assertClose(backprop.get("W2"), w2.grad().toDoubleArray(), 1e-12, 1e-14);
        Close.assertClose(backprop.get("b2"), b2.grad().toDoubleArray(), 1e-12, 1e-14);
    }

    @Test
    void numericalGradientLeavesTheParametersUnchanged() {
        var net = new TwoLayerNet(5, 4, 3, 0.5, new Random(1));
        double[] before = net.params().get("W1").toDoubleArray();
        net.numericalGradient(x, labels);
        assertThat(net.params().get("W1").toDoubleArray()).containsExactly(before);
    }

    @Test
    void gradientDescentLearnsTheBatch() {
        var net = new TwoLayerNet(5, 16, 3, 0.1, new Random(2));
        double first = net.loss(x, labels);
        for (int step = 0; step < 300; step++) net.update(net.gradient(x, labels), 0.5);
        assertThat(net.loss(x, labels)).isLessThan(first / 10);
        assertThat(net.accuracy(x, labels)).isEqualTo(1.0);
        assertThat(net.predict(x).shape()).containsExactly(6, 3);
    }

    @Test
    void sameSeedSameNetwork() {
        var a = new TwoLayerNet(5, 4, 3, 0.01, new Random(3));
        var b = new TwoLayerNet(5, 4, 3, 0.01, new Random(3));
        assertThat(a.params().get("W2").toDoubleArray()).containsExactly(b.params().get("W2").toDoubleArray());
        assertThat(a.params().get("b1").toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void numericalGradientEqualsCentralDifferencesOfFullForwardPasses() {
        // The curriculum's loop: write p ± h into the live parameter, run the whole forward pass.
        for (TwoLayerNet.Activation activation : TwoLayerNet.Activation.values()) {
            checkAgainstFullForwardPasses(new TwoLayerNet(5, 7, 3, 0.8, new Random(4), activation));
        }
    }

    private void checkAgainstFullForwardPasses(TwoLayerNet net) {
        double[] xv = x.toDoubleArray();
        for (int i = 0; i < xv.length; i += 3) xv[i] = 0; // zero inputs, as MNIST's background pixels
        Tensor xz = Tensor.of(xv, 6, 5);
        var fast = net.numericalGradient(xz, labels);
        for (var e : net.params().entrySet()) {
            double[] v = e.getValue().doubleData();
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double saved = v[i];
                v[i] = saved + TwoLayerNet.H;
                double plus = net.loss(xz, labels);
                v[i] = saved - TwoLayerNet.H;
                double minus = net.loss(xz, labels);
                v[i] = saved;
                g[i] = (plus - minus) / (2 * TwoLayerNet.H);
            }
            Close.assertClose(fast.get(e.getKey()), g, 1e-9, 1e-11);
            assertThat(fast.get(e.getKey()).shape()).containsExactly(e.getValue().shape());
        }
    }
}
