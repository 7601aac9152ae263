package jgrad.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import jgrad.nn.Losses;
import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

/**
 * Every hand-written backward equals both the autograd gradient of the same computation and
 * central finite differences, in float64, with a random upstream gradient {@code dout}.
 */
class ManualBackpropTest {
    private static final double EPS = 1e-6;
    private final Random rng = new Random(8);

    private Tensor randn(int... shape) {
        return Tensor.randn(rng, DType.FLOAT64, shape);
    }

    /** Gradients of {@code sum(f(inputs) * dout)} by autograd, one per input. */
    private static List<double[]> autograd(Function<List<Tensor>, Tensor> f, Tensor dout, Tensor... inputs) {
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor x : inputs) leaves.add(x.copy().requiresGrad(true));
        f.apply(leaves).backward(dout);
        return leaves.stream().map(l -> l.grad().toDoubleArray()).toList();
    }

    /** Gradient of {@code sum(f(inputs) * dout)} with respect to input {@code i}, by central differences. */
    private static double[] numeric(Function<List<Tensor>, Tensor> f, Tensor dout, int i, Tensor... inputs) {
        List<Tensor> xs = new ArrayList<>();
        for (Tensor x : inputs) xs.add(x.copy());
        double[] v = xs.get(i).doubleData();
        double[] g = new double[v.length];
        try (var ignored = GradMode.off()) {
            for (int j = 0; j < v.length; j++) {
                double saved = v[j];
                v[j] = saved + EPS;
                double plus = f.apply(xs).mul(dout).sum().item();
                v[j] = saved - EPS;
                double minus = f.apply(xs).mul(dout).sum().item();
                v[j] = saved;
                g[j] = (plus - minus) / (2 * EPS);
            }
        }
        return g;
    }

    /** Asserts hand-written == autograd (to rounding) and hand-written == finite differences. */
    private static void assertAgree(String what, Tensor manual, double[] autograd, double[] numeric) {
        assertThat(manual.requiresGrad()).as(what + " built no graph").isFalse();
        Close.assertClose(manual, autograd, 1e-12, 1e-12);
        Close.assertClose(manual.toDoubleArray(), numeric, 1e-5, 1e-7, what + " vs finite differences ");
    }

    @Test
    void mulAndAddLayers() {
        Tensor x = randn(3, 2), y = randn(3, 2), dout = randn(3, 2);
        Function<List<Tensor>, Tensor> mul = xs -> xs.get(0).mul(xs.get(1));
        var mulLayer = new MulLayer();
        mulLayer.forward(x, y);
        Tensor[] g = mulLayer.backward(dout);
        List<double[]> auto = autograd(mul, dout, x, y);
        assertAgree("mul dx", g[0], auto.get(0), numeric(mul, dout, 0, x, y));
        assertAgree("mul dy", g[1], auto.get(1), numeric(mul, dout, 1, x, y));

        Function<List<Tensor>, Tensor> add = xs -> xs.get(0).add(xs.get(1));
        var addLayer = new AddLayer();
        Close.assertClose(addLayer.forward(x, y), x.add(y).toDoubleArray(), 0, 0);
        g = addLayer.backward(dout);
        auto = autograd(add, dout, x, y);
        assertAgree("add dx", g[0], auto.get(0), numeric(add, dout, 0, x, y));
        assertAgree("add dy", g[1], auto.get(1), numeric(add, dout, 1, x, y));
    }

    @Test
    void appleShoppingExampleOfTheCurriculum() {
        // 2 apples at 100 each, tax 1.1: price 220; d price / d apple = 2.2, / d count = 110, / d tax = 200
        var mulApple = new MulLayer();
        var mulTax = new MulLayer();
        Tensor applePrice = mulApple.forward(Tensor.scalar(DType.FLOAT64, 100), Tensor.scalar(DType.FLOAT64, 2));
        Tensor price = mulTax.forward(applePrice, Tensor.scalar(DType.FLOAT64, 1.1));
        assertThat(price.item()).isCloseTo(220, within(1e-12));
        Tensor[] dTax = mulTax.backward(Tensor.scalar(DType.FLOAT64, 1));
        Tensor[] dApple = mulApple.backward(dTax[0]);
        assertThat(dApple[0].item()).isCloseTo(2.2, within(1e-12));
        assertThat(dApple[1].item()).isCloseTo(110, within(1e-12));
        assertThat(dTax[1].item()).isCloseTo(200, within(1e-12));
    }

    @Test
    void affineGivesDxDwDb() {
        Tensor w = randn(4, 3), b = randn(3), x = randn(5, 4), dout = randn(5, 3);
        Function<List<Tensor>, Tensor> f = xs -> xs.get(0).matmul(xs.get(1)).add(xs.get(2));
        var affine = new Affine(w, b);
        Close.assertClose(affine.forward(x), f.apply(List.of(x, w, b)).toDoubleArray(), 1e-15, 0);
        Tensor dx = affine.backward(dout);
        List<double[]> auto = autograd(f, dout, x, w, b);
        assertAgree("affine dx", dx, auto.get(0), numeric(f, dout, 0, x, w, b));
        assertAgree("affine dW", affine.dW(), auto.get(1), numeric(f, dout, 1, x, w, b));
        assertAgree("affine db", affine.db(), auto.get(2), numeric(f, dout, 2, x, w, b));
    }

    @Test
    void affineFlattensImagesAndGivesTheGradientBackInTheirShape() {
        var affine = new Affine(randn(12, 2), randn(2));
        Tensor x = randn(3, 3, 2, 2);
        assertThat(affine.forward(x).shape()).containsExactly(3, 2);
        assertThat(affine.backward(randn(3, 2)).shape()).containsExactly(3, 3, 2, 2);
        assertThatThrownBy(() -> affine.forward(randn(3, 5))).hasMessageContaining("[3, 5]").hasMessageContaining("[12, 2]");
    }

    @Test
    void activations() {
        Tensor x = randn(4, 3);
        // keep ReLU inputs off the kink at 0
        double[] v = x.doubleData();
        for (int i = 0; i < v.length; i++) if (Math.abs(v[i]) < 0.1) v[i] = 0.5;
        Tensor dout = randn(4, 3);
        check("relu", new Relu(), xs -> xs.get(0).relu(), x, dout);
        check("sigmoid", new Sigmoid(), xs -> xs.get(0).sigmoid(), x, dout);
        check("tanh", new Tanh(), xs -> xs.get(0).tanh(), x, dout);
    }

    private static void check(String what, BackpropLayer layer, Function<List<Tensor>, Tensor> f, Tensor x, Tensor dout) {
        Close.assertClose(layer.forward(x), f.apply(List.of(x)).toDoubleArray(), 1e-15, 0);
        Tensor dx = layer.backward(dout);
        assertAgree(what, dx, autograd(f, dout, x).get(0), numeric(f, dout, 0, x));
    }

    @Test
    void reluAtZeroPassesNoGradient() {
        var relu = new Relu();
        relu.forward(Tensor.of(new double[] {-1, 0, 1}, 3));
        assertThat(relu.backward(Tensor.ones(DType.FLOAT64, 3)).toDoubleArray()).containsExactly(0, 0, 1);
    }

    @Test
    void identityWithLoss() {
        Tensor y = randn(4, 2), t = randn(4, 2);
        Function<List<Tensor>, Tensor> f = xs -> {
            Tensor d = xs.get(0).sub(xs.get(1));
            return d.mul(d).sum().mul(0.5 / 4);
        };
        var layer = new IdentityWithLoss();
        assertThat(layer.forward(y, t)).isCloseTo(f.apply(List.of(y, t)).item(), within(1e-14));
        Tensor one = Tensor.scalar(DType.FLOAT64, 1);
        assertAgree("identity-with-loss", layer.backward(1), autograd(f, one, y, t).get(0), numeric(f, one, 0, y, t));
    }

    @Test
    void softmaxWithLossForLabelsAndOneHot() {
        Tensor x = randn(5, 4);
        int[] labels = {0, 3, 1, 1, 2};
        Function<List<Tensor>, Tensor> f = xs -> Losses.crossEntropy(xs.get(0), labels);
        var layer = new SoftmaxWithLoss();
        assertThat(layer.forward(x, labels)).isCloseTo(f.apply(List.of(x)).item(), within(1e-14));
        Tensor one = Tensor.scalar(DType.FLOAT64, 1);
        assertAgree("softmax-with-loss", layer.backward(1), autograd(f, one, x).get(0), numeric(f, one, 0, x));
        double[] rowSums = layer.y().sum(1, false).toDoubleArray();
        for (double s : rowSums) assertThat(s).isCloseTo(1, within(1e-14));

        double[] oneHot = new double[20];
        for (int i = 0; i < 5; i++) oneHot[i * 4 + labels[i]] = 1;
        var again = new SoftmaxWithLoss();
        assertThat(again.forward(x, Tensor.of(oneHot, 5, 4))).isCloseTo(layer.forward(x, labels), within(1e-15));
        Close.assertClose(again.backward(2), layer.backward(2).toDoubleArray(), 0, 0);
        assertThatThrownBy(() -> layer.forward(x, new int[] {0, 4, 0, 0, 0})).hasMessageContaining("label 4");
        assertThatThrownBy(() -> layer.forward(x, new int[] {0})).hasMessageContaining("[5, 4]");
    }

    @Test
    void backwardBeforeForwardIsAClearError() {
        Tensor dout = Tensor.ones(DType.FLOAT64, 2, 2);
        Tensor w = Tensor.ones(DType.FLOAT64, 2, 2);
        Tensor b = Tensor.zeros(DType.FLOAT64, 2);
        for (var layer : List.<BackpropLayer>of(new Relu(), new Sigmoid(), new Tanh(), new Affine(w, b))) {
            assertThatThrownBy(() -> layer.backward(dout)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(layer.getClass().getSimpleName() + ".backward called before forward");
        }
        assertThatThrownBy(() -> new MulLayer().backward(dout)).hasMessageContaining("MulLayer.backward called before forward");
        assertThatThrownBy(() -> new SoftmaxWithLoss().backward(1)).hasMessageContaining("before forward");
        assertThatThrownBy(() -> new IdentityWithLoss().backward(1)).hasMessageContaining("before forward");
    }

    @Test
    void layersBuildNoGraphEvenForInputsThatRequireGrad() {
        Tensor x = randn(2, 3).requiresGrad(true);
        assertThat(new Sigmoid().forward(x).requiresGrad()).isFalse();
        assertThat(new Affine(randn(3, 2), randn(2)).forward(x).requiresGrad()).isFalse();
    }
}
